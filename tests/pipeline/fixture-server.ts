/** A real HTTP server on 127.0.0.1 (port 0) serving tests/fixtures/sites plus routes that misbehave on purpose. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sites');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xml': 'application/rss+xml',
  '.txt': 'text/plain',
};

// The TCVN3 pages are labelled Latin-1, as old sites did (their fonts did the rest).
const LATIN1_LABELLED = new Set(['/cu/', '/cu/index.htm', '/cu/tin/hop-cu-tri-20261124.htm']);

export interface FixtureServer {
  origin: string;
  /** Requests received per path (without query). */
  hits: Map<string, number>;
  /** Request headers of the last request per path. */
  lastHeaders: Map<string, http.IncomingHttpHeaders>;
  close(): Promise<void>;
}

/**
 * Special routes: `/feeds/rss.xml` honours If-None-Match (ETag "rss-v1"); `/flaky/rss.xml` fails with 500 the
 * first time; `/slow/*` answers after 2 s; `/loop/a` ⇄ `/loop/b` redirect forever; `/hop/1` redirects to a
 * fixture page; `/redirect-private` redirects to 10.0.0.7; `/big/*` streams 2 MiB; `/teapot/*` is 404.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const lastHeaders = new Map<string, http.IncomingHttpHeaders>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const route = url.pathname;
    const count = (hits.get(route) ?? 0) + 1;
    hits.set(route, count);
    lastHeaders.set(route, req.headers);

    if (route === '/feeds/rss.xml' && req.headers['if-none-match'] === '"rss-v1"') {
      res.writeHead(304, { etag: '"rss-v1"' }).end();
      return;
    }
    if (route === '/flaky/rss.xml') {
      if (count === 1) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      else
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(fs.readFileSync(path.join(SITES_DIR, 'feeds/rss-page2.xml')));
      return;
    }
    if (route === '/redirect-private') {
      res.writeHead(302, { location: 'http://10.0.0.7/noi-bo' }).end();
      return;
    }
    if (route.startsWith('/slow/')) {
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('late'), 2000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (route === '/loop/a' || route === '/loop/b') {
      res.writeHead(302, { location: route === '/loop/a' ? '/loop/b' : '/loop/a' }).end();
      return;
    }
    if (route === '/hop/1') {
      res.writeHead(301, { location: '/hop/2' }).end();
      return;
    }
    if (route === '/hop/2') {
      res.writeHead(302, { location: '/feeds/rss-page2.xml' }).end();
      return;
    }
    if (route.startsWith('/big/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    if (route.startsWith('/teapot/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }

    const file = path.join(
      SITES_DIR,
      path.normalize(route.replace(/\/$/, '/index.html')).replace(/^(\.\.[/\\])+/, ''),
    );
    const candidates = [file, file.replace(/index\.html$/, 'index.htm')];
    const found = candidates.find(
      (f) => f.startsWith(SITES_DIR) && fs.existsSync(f) && fs.statSync(f).isFile(),
    );
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let type = TYPES[path.extname(found)] ?? 'application/octet-stream';
    if (LATIN1_LABELLED.has(route)) type = 'text/html; charset=iso-8859-1';
    const headers: Record<string, string> = { 'content-type': type };
    if (route === '/feeds/rss.xml') headers.etag = '"rss-v1"';
    if (route === '/feeds/atom.xml') headers['last-modified'] = 'Mon, 24 Nov 2026 03:30:00 GMT';
    res.writeHead(200, headers).end(fs.readFileSync(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    lastHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
