/** One HTTP GET with connect and total timeouts, a size cap, and an address check at connect time. */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface TransportRequest {
  url: URL;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
  /** Called with every address the host resolves to; a message refuses the connection. */
  checkAddress: (ip: string) => string | null;
}

export interface TransportResponse {
  status: number;
  /** Lowercase header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export type TransportErrorKind = 'timeout' | 'too_large' | 'refused' | 'network';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

function guardedLookup(check: (ip: string) => string | null): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const problem = check(address);
        if (problem) return callback(Object.assign(new Error(problem), { code: 'EDLXHREFUSED' }), '', 0);
      }
      if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The default transport over node:http/https; redirects are not followed (the fetcher follows them). */
export const nodeTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    const client = request.url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      req.destroy();
      reject(error);
    };
    const req = client.request(
      request.url,
      { method: 'GET', headers: request.headers, lookup: guardedLookup(request.checkAddress), agent: false },
      (res) => {
        const headers = flatHeaders(res.headers);
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxBytes) {
          fail(
            new TransportError(
              'too_large',
              `body of ${declared} bytes exceeds the ${request.maxBytes}-byte limit`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            fail(new TransportError('too_large', `body exceeds the ${request.maxBytes}-byte limit`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(totalTimer);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (error) => fail(new TransportError('network', error.message)));
      },
    );
    const connectTimer = setTimeout(
      () => fail(new TransportError('timeout', `no connection within ${request.connectTimeoutMs} ms`)),
      request.connectTimeoutMs,
    );
    const totalTimer = setTimeout(
      () => fail(new TransportError('timeout', `no complete response within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EDLXHREFUSED') fail(new TransportError('refused', error.message));
      else
        fail(new TransportError('network', error.code ? `${error.code}: ${error.message}` : error.message));
    });
    req.end();
  });

/** A transport over a WHATWG `fetch` (injected in tests or for proxies); no separate connect timeout. */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetchFn(request.url, {
          headers: request.headers,
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted) {
          throw new TransportError('timeout', `no complete response within ${request.timeoutMs} ms`);
        }
        throw new TransportError('network', (error as Error).message);
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        controller.abort();
        throw new TransportError(
          'too_large',
          `body of ${declared} bytes exceeds the ${request.maxBytes}-byte limit`,
        );
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch {
            throw new TransportError('timeout', `no complete response within ${request.timeoutMs} ms`);
          }
          if (next.done) break;
          size += next.value.length;
          if (size > request.maxBytes) {
            controller.abort();
            throw new TransportError('too_large', `body exceeds the ${request.maxBytes}-byte limit`);
          }
          chunks.push(next.value);
        }
      }
      return { status: response.status, headers, body: Buffer.concat(chunks) };
    } finally {
      clearTimeout(timer);
    }
  };
}
