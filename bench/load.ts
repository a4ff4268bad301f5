/** Load generation with autocannon: latency percentiles and throughput of one endpoint under concurrent clients. */
import { createRequire } from 'node:module';

interface AutocannonResult {
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number; average: number };
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  body?: string;
  headers: Record<string, string>;
  timeout: number;
}) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSec: number;
  requests: number;
  failed: number;
}

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers: Record<string, string>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `await loadTest({ url, headers: { cookie } }, 50, 10)` → `{ p50: 12, p95: 40, p99: 80, requestsPerSec: 900, … }` (ms). */
export function loadTest(request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve) => {
    const times: number[] = [];
    const instance = autocannon({
      url: request.url,
      method: request.method ?? 'GET',
      body: request.body,
      headers: request.headers,
      connections,
      duration: seconds,
      timeout: 120,
    });
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
    instance.on('done', (result) => {
      times.sort((a, b) => a - b);
      resolve({
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        requestsPerSec: Math.round((result.requests.total / Math.max(result.duration, 1e-9)) * 10) / 10,
        requests: result.requests.total,
        failed: result.non2xx + result.errors + result.timeouts,
      });
    });
  });
}
