/**
 * One benchmark stage in a process of its own, so that each stage's peak memory is its own:
 * `node --import tsx bench/stage.ts <stage> '<json options>'` prints `BENCH_RESULT {…}` as its last line.
 * The api-server stage prints `BENCH_READY {…}` when it listens and stops when its standard input closes.
 */
import { benchIngest } from './ingest-jsonl.ts';
import { benchBigIngest } from './big-ingest.ts';
import { benchDetection } from './detection.ts';
import { benchScoring } from './scoring.ts';
import { startApiServer } from './api-server.ts';
import { READY_PREFIX, RESULT_PREFIX } from './stage-protocol.ts';

interface StageOptions {
  n: number;
  dir: string;
  days?: number;
  bytes?: number;
  workers?: number;
  archive?: boolean;
  /** api-server: a database file kept between runs (see `startApiServer`). */
  kept?: string;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function runStage(stage: string, options: StageOptions): Promise<Record<string, unknown>> {
  switch (stage) {
    case 'ingest':
      return { ...(await benchIngest(options.n)) };
    case 'big-ingest':
      return { ...(await benchBigIngest(options.bytes ?? 2 ** 30, options.dir)) };
    case 'scoring':
      return { ...(await benchScoring(options.n, 3000, options.workers)) };
    case 'detection':
      return { ...(await benchDetection(options.n, options.days ?? 180, options.dir, options.archive)) };
    case 'api-server': {
      const server = await startApiServer(options.n, options.dir, options.kept);
      process.stdout.write(`${READY_PREFIX}${JSON.stringify(server.session)}\n`);
      let peakServingMb = 0;
      const timer = setInterval(() => {
        peakServingMb = Math.max(peakServingMb, Math.round(process.memoryUsage().rss / 1048576));
      }, 100);
      await new Promise<void>((resolve) => {
        process.stdin.on('data', () => undefined);
        process.stdin.once('end', () => resolve());
      });
      clearInterval(timer);
      await server.stop();
      return { peakServingMb };
    }
    default:
      throw new Error(`bench: unknown stage "${stage}"`);
  }
}

const [stage, json] = process.argv.slice(2);
const result = await runStage(stage ?? '', JSON.parse(json ?? '{}') as StageOptions);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, maxRssMb: peakRssMb() })}\n`);
