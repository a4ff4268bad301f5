import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { addressProblem } from '../../pipeline/fetch/address-policy.ts';
import { HostGate } from '../../pipeline/fetch/host-gate.ts';
import {
  createFetcher,
  saveValidators,
  USER_AGENT,
  type FetcherContext,
  type FetchPolicy,
} from '../../pipeline/fetch/fetcher.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { FIXED_NOW, openTestDb } from './test-db.ts';

const LOCAL: Partial<FetchPolicy> = {
  allowPrivate: ['127.0.0.1'],
  hostIntervalMs: 0,
  retryBaseMs: 10,
  timeoutMs: 1500,
};

describe('fetcher', () => {
  let server: FixtureServer;
  let db: Db;
  let sleeps: number[];
  const context = (extra: Partial<FetcherContext> = {}): FetcherContext => ({
    db,
    now: () => FIXED_NOW,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...extra,
  });
  const outcomes = async () =>
    (
      await db.all<{ url: string; status: number | null; outcome: string }>(
        'SELECT url, status, outcome FROM fetch_log ORDER BY id',
      )
    ).map((r) => `${r.outcome} ${r.status ?? '-'} ${new URL(r.url).pathname}`);

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    db = await openTestDb();
    sleeps = [];
    server.hits.clear();
  });
  afterEach(() => db.close());

  it('sends the dlxh User-Agent, checks robots.txt once per host, and logs every request', async () => {
    const fetcher = createFetcher(context(), LOCAL);
    const first = await fetcher.fetch({ url: `${server.origin}/baodaklak/`, source: 'bdl' });
    const second = await fetcher.fetch({ url: `${server.origin}/dlo/`, source: 'bdl' });
    expect(first.outcome).toBe('ok');
    expect(second.outcome).toBe('ok');
    expect(server.lastHeaders.get('/baodaklak/')?.['user-agent']).toBe(USER_AGENT);
    expect(server.hits.get('/robots.txt')).toBe(1);
    expect(await outcomes()).toEqual(['ok 200 /robots.txt', 'ok 200 /baodaklak/', 'ok 200 /dlo/']);
  });

  it('sends validators from the last stored response and takes a 304 as not modified', async () => {
    const fetcher = createFetcher(context(), LOCAL);
    const url = `${server.origin}/feeds/rss.xml`;
    const first = await fetcher.fetch({ url });
    expect(first.outcome).toBe('ok');
    if (first.outcome !== 'ok') return;
    expect(first.validators).toEqual({ etag: '"rss-v1"', lastModified: null });
    const beforeSave = await fetcher.fetch({ url });
    expect(beforeSave.outcome).toBe('ok');
    await saveValidators(db, url, first.validators, FIXED_NOW);
    const again = await fetcher.fetch({ url });
    expect(again.outcome).toBe('not_modified');
    expect(server.lastHeaders.get('/feeds/rss.xml')?.['if-none-match']).toBe('"rss-v1"');
  });

  it('retries a 500 with backoff and succeeds, but does not retry a 404', async () => {
    const fetcher = createFetcher(context(), LOCAL);
    const flaky = await fetcher.fetch({ url: `${server.origin}/flaky/rss.xml` });
    expect(flaky.outcome).toBe('ok');
    expect(server.hits.get('/flaky/rss.xml')).toBe(2);
    expect(sleeps).toEqual([7.5]);
    const missing = await fetcher.fetch({ url: `${server.origin}/teapot/x` });
    expect(missing).toMatchObject({ outcome: 'http_error', status: 404 });
    expect(server.hits.get('/teapot/x')).toBe(1);
    expect(await outcomes()).toEqual([
      'ok 200 /robots.txt',
      'http_error 500 /flaky/rss.xml',
      'ok 200 /flaky/rss.xml',
      'http_error 404 /teapot/x',
    ]);
  });

  it('times out a slow response and retries it with growing delays', async () => {
    const fetcher = createFetcher(context(), { ...LOCAL, timeoutMs: 150, retries: 1 });
    const result = await fetcher.fetch({ url: `${server.origin}/slow/page` });
    expect(result).toMatchObject({ outcome: 'timeout', status: null });
    expect(server.hits.get('/slow/page')).toBe(2);
    expect(sleeps).toEqual([7.5]);
  });

  it('stops a redirect loop and follows a short chain', async () => {
    const fetcher = createFetcher(context(), LOCAL);
    const loop = await fetcher.fetch({ url: `${server.origin}/loop/a` });
    expect(loop.outcome).toBe('error');
    expect(loop.outcome !== 'ok' && loop.outcome !== 'not_modified' && loop.error).toMatch(
      /^redirect loop at .*\/loop\/a$/,
    );
    const chain = await fetcher.fetch({ url: `${server.origin}/hop/1` });
    expect(chain).toMatchObject({ outcome: 'ok', finalUrl: `${server.origin}/feeds/rss-page2.xml` });
    const limited = await createFetcher(context(), { ...LOCAL, maxRedirects: 1 }).fetch({
      url: `${server.origin}/hop/1`,
    });
    expect(limited).toMatchObject({ outcome: 'error', error: 'more than 1 redirects' });
  });

  it('refuses a body over the size cap', async () => {
    const fetcher = createFetcher(context(), { ...LOCAL, maxBytes: 256 * 1024 });
    const result = await fetcher.fetch({ url: `${server.origin}/big/file` });
    expect(result).toMatchObject({ outcome: 'too_large' });
    expect(await outcomes()).toContain('too_large - /big/file');
  });

  it('honours robots.txt disallow without requesting the page', async () => {
    const fetcher = createFetcher(context(), LOCAL);
    const result = await fetcher.fetch({ url: `${server.origin}/private/bao-cao-noi-bo.html` });
    expect(result).toMatchObject({ outcome: 'refused', error: 'disallowed by robots.txt' });
    expect(server.hits.get('/private/bao-cao-noi-bo.html')).toBeUndefined();
  });

  it('refuses loopback and private addresses unless allowed, also behind DNS names and redirects', async () => {
    const strict = createFetcher(
      context({ lookup: async (host) => (host === 'intranet.example' ? ['10.1.2.3'] : ['93.184.216.34']) }),
      { hostIntervalMs: 0 },
    );
    const loopback = await strict.fetch({ url: `${server.origin}/baodaklak/` });
    expect(loopback).toMatchObject({ outcome: 'refused', error: 'address 127.0.0.1 is loopback' });
    const named = await strict.fetch({ url: 'http://intranet.example/tin' });
    expect(named).toMatchObject({
      outcome: 'refused',
      error: 'intranet.example: address 10.1.2.3 is private',
    });
    const scheme = await strict.fetch({ url: 'file:///etc/passwd' });
    expect(scheme).toMatchObject({ outcome: 'refused', error: 'scheme file: is not allowed' });
    expect(server.hits.size).toBe(0);
    const hop = await createFetcher(context(), LOCAL).fetch({ url: `${server.origin}/redirect-private` });
    expect(hop).toMatchObject({ outcome: 'refused', error: 'address 10.0.0.7 is private' });
    const other = await createFetcher(context(), { ...LOCAL, allowHosts: ['baodaklak.vn'] }).fetch({
      url: `${server.origin}/dlo/`,
    });
    expect(other).toMatchObject({ outcome: 'refused', error: 'host 127.0.0.1 is not in the allow-list' });
    expect(await outcomes()).toEqual([
      'refused - /baodaklak/',
      'refused - /tin',
      'refused - /etc/passwd',
      'ok 200 /robots.txt',
      'redirect 302 /redirect-private',
      'refused - /noi-bo',
      'refused - /dlo/',
    ]);
  });

  it('spaces requests to one host by the rate limit', async () => {
    let clock = 0;
    const fetcher = createFetcher(
      context({ monotonic: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)) }),
      { ...LOCAL, hostIntervalMs: 1000 },
    );
    await fetcher.fetch({ url: `${server.origin}/baodaklak/` });
    await fetcher.fetch({ url: `${server.origin}/dlo/` });
    expect(sleeps).toEqual([1000, 1000]);
  });
});

describe('HostGate', () => {
  it('caps concurrent requests per host and lets other hosts through', async () => {
    const gate = new HostGate({ now: () => 0, sleep: async () => undefined });
    const order: string[] = [];
    const releaseA1 = await gate.acquire('a.vn', 1, 0);
    const a2 = gate.acquire('a.vn', 1, 0).then((release) => {
      order.push('a2');
      return release;
    });
    const releaseB = await gate.acquire('b.vn', 1, 0);
    order.push('b');
    await Promise.resolve();
    expect(order).toEqual(['b']);
    releaseA1();
    (await a2)();
    releaseB();
    expect(order).toEqual(['b', 'a2']);
  });
});

describe('fetchTransport', () => {
  it('fetches through an injected WHATWG fetch with the same policy', async () => {
    const server = await startFixtureServer();
    const db = await openTestDb();
    try {
      const calls: string[] = [];
      const injected: typeof fetch = (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      };
      const fetcher = createFetcher(
        { db, now: () => FIXED_NOW, fetch: injected },
        { ...LOCAL, maxBytes: 1000 },
      );
      expect(await fetcher.fetch({ url: `${server.origin}/hop/1` })).toMatchObject({
        outcome: 'ok',
        status: 200,
      });
      expect(await fetcher.fetch({ url: `${server.origin}/big/x` })).toMatchObject({ outcome: 'too_large' });
      expect(calls.map((c) => new URL(c).pathname)).toEqual([
        '/robots.txt',
        '/hop/1',
        '/hop/2',
        '/feeds/rss-page2.xml',
        '/big/x',
      ]);
    } finally {
      db.close();
      await server.close();
    }
  });
});

describe('addressProblem', () => {
  it('allows public unicast only, or what allow_private lists', () => {
    expect(addressProblem('8.8.8.8', false)).toBeNull();
    expect(addressProblem('192.168.1.10', false)).toBe('address 192.168.1.10 is private');
    expect(addressProblem('::1', false)).toBe('address ::1 is loopback');
    expect(addressProblem('::ffff:10.0.0.1', false)).toBe('address ::ffff:10.0.0.1 is private');
    expect(addressProblem('169.254.169.254', false)).toBe('address 169.254.169.254 is linkLocal');
    expect(addressProblem('10.0.0.1', ['10.0.0.0/8'])).toBeNull();
    expect(addressProblem('10.0.0.1', ['127.0.0.1'])).toBe('address 10.0.0.1 is private');
    expect(addressProblem('127.0.0.1', true)).toBeNull();
  });
});
