import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { isDlxhError } from '../../data/errors.ts';
import { adhocSource, parseSources, syncSources } from '../../pipeline/config.ts';
import { openTestDb } from './test-db.ts';

describe('parseSources', () => {
  it('applies defaults', () => {
    const [source] = parseSources([
      {
        name: 'baodaklak',
        kind: 'rss',
        url: 'https://baodaklak.vn/rss/xa-hoi.rss',
        schedule: '*/20 * * * *',
      },
    ]);
    expect(source).toMatchObject({
      classification: 0,
      allow_private: false,
      robots: true,
      enabled: true,
      full_text: false,
      selectors: { remove: [] },
    });
  });

  it('names the key and the problem', () => {
    const problem = (raw: unknown) => {
      try {
        parseSources(raw, 'dlxh.yaml');
        return null;
      } catch (error) {
        return isDlxhError(error, 'CONFIG') ? error.message : String(error);
      }
    };
    expect(problem([{ name: 'a', kind: 'rss', url: 'https://a.vn/rss', schedule: 'every day' }])).toBe(
      'dlxh.yaml: sources[0].schedule: invalid cron expression',
    );
    expect(problem([{ name: 'a', kind: 'html', url: 'ftp://a.vn/' }])).toBe(
      'dlxh.yaml: sources[0].url: invalid http(s) URL "ftp://a.vn/"',
    );
    expect(problem([{ name: 'a', kind: 'rss', url: 'https://a.vn/', classification: 5 }])).toMatch(
      /^dlxh\.yaml: sources\[0\]\.classification: /,
    );
    expect(problem([{ name: 'a', kind: 'rss', url: 'https://a.vn/', selectorz: {} }])).toMatch(
      /^dlxh\.yaml: sources\[0\]: .*selectorz/,
    );
    expect(
      problem([
        { name: 'a', kind: 'rss', url: 'https://a.vn/' },
        { name: 'a', kind: 'html', url: 'https://b.vn/' },
      ]),
    ).toBe('dlxh.yaml: sources: duplicate name "a"');
  });
});

describe('adhocSource', () => {
  it('reuses the configured source of that name, else defaults', () => {
    const configured = parseSources([
      {
        name: 'bdl',
        kind: 'html',
        url: 'https://baodaklak.vn/',
        selectors: { content: '.detail-content' },
        allow_private: true,
      },
    ]);
    expect(adhocSource('html', 'https://baodaklak.vn/xa-hoi/', 'bdl', configured)).toMatchObject({
      url: 'https://baodaklak.vn/xa-hoi/',
      allow_private: true,
      selectors: { content: '.detail-content' },
    });
    expect(adhocSource('rss', 'https://x.vn/rss', 'other', configured)).toMatchObject({
      allow_private: false,
      selectors: { remove: [] },
    });
  });
});

describe('syncSources', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.close());

  it('upserts sources and keeps their health columns', async () => {
    const sources = parseSources([{ name: 'a', kind: 'rss', url: 'https://a.vn/rss', credibility: 0.8 }]);
    await syncSources(db, sources);
    await db.run(`UPDATE sources SET failures = 3 WHERE name = 'a'`);
    await syncSources(
      db,
      parseSources([{ name: 'a', kind: 'rss', url: 'https://a.vn/rss2', credibility: 0.9 }]),
    );
    expect(await db.one('SELECT url, credibility, failures FROM sources')).toEqual({
      url: 'https://a.vn/rss2',
      credibility: 0.9,
      failures: 3,
    });
  });
});
