import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemo, type DemoData, type GroundTruthEvent } from '../../data/demo/index.ts';
import { loadTopics, loadUnits, unitByUid } from '../../data/reference/index.ts';
import { foldDiacritics, normalizeText } from '../../data/text/normalize.ts';

const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const DAY_MS = 86_400_000;

let tmp: string;
let full: DemoData;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dlxh-demo-'));
  full = generateDemo();
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function writtenFiles(dir: string, data: DemoData): Promise<Map<string, Buffer>> {
  await writeDemo(dir, data);
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(path.join(dir, name)));
  return files;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

describe('generateDemo determinism', () => {
  it('writes identical bytes for the same options and different ones for another seed', async () => {
    const options = { days: 20, scale: 0.4 };
    const a = await writtenFiles(path.join(tmp, 'a'), generateDemo(options));
    const b = await writtenFiles(path.join(tmp, 'b'), generateDemo(options));
    const c = await writtenFiles(path.join(tmp, 'c'), generateDemo({ ...options, seed: 99 }));
    expect([...a.keys()]).toEqual([
      'documents.jsonl',
      'ground-truth.json',
      'labels.jsonl',
      'reports.jsonl',
      'survey-gpmb-2026.csv',
      'survey-gpmb-2026.form.json',
    ]);
    for (const [name, bytes] of a) {
      expect(bytes.length).toBeGreaterThan(100);
      expect(bytes.equals(b.get(name)!), name).toBe(true);
    }
    for (const name of ['documents.jsonl', 'reports.jsonl', 'survey-gpmb-2026.csv']) {
      expect(a.get(name)!.equals(c.get(name)!), name).toBe(false);
    }
  });

  it('rejects invalid options, naming the value', () => {
    expect(() => generateDemo({ start: '2026-13-01' })).toThrow('invalid start date "2026-13-01"');
    expect(() => generateDemo({ days: 0 })).toThrow('invalid days: 0');
    expect(() => generateDemo({ scale: -1 })).toThrow('invalid scale: -1');
  });
});

describe('demo documents', () => {
  it('follow the JSONL document contract', () => {
    const ids = new Set(full.documents.map((d) => d.id));
    expect(ids.size).toBe(full.documents.length);
    const problems: string[] = [];
    for (const d of full.documents) {
      if (!ISO_LOCAL.test(d.published_at)) problems.push(`${d.id}: published_at ${d.published_at}`);
      if (d.lang !== 'vi' || (d.kind !== 'news' && d.kind !== 'social')) problems.push(`${d.id}: lang/kind`);
      if (d.text.length < 10 || d.title.length < 5 || d.source.length < 2)
        problems.push(`${d.id}: short field`);
      if (normalizeText(d.text) !== d.text) problems.push(`${d.id}: text not normalised`);
      if (d.kind === 'news' && !/^https:\/\/[a-z.]+\//.test(d.url ?? ''))
        problems.push(`${d.id}: url ${d.url}`);
    }
    expect(problems).toEqual([]);
    expect(full.documents[0]!.published_at.startsWith('2026-07-28')).toBe(true);
    expect(day(full.documents.at(-1)!.published_at)).toBe('2026-11-24');
    expect(full.labels.map((l) => l.id)).toEqual(full.documents.map((d) => d.id));
  });

  it('keep daily volume in range, lower on weekends and on 2/9', () => {
    const perDay = new Map<string, { news: number; all: number }>();
    for (const d of full.documents) {
      const c = perDay.get(day(d.published_at)) ?? { news: 0, all: 0 };
      c.all++;
      if (d.kind === 'news') c.news++;
      perDay.set(day(d.published_at), c);
    }
    expect(perDay.size).toBe(120);
    expect(full.documents.length).toBeGreaterThan(22_000);
    expect(full.documents.length).toBeLessThan(30_000);
    const weekdayNews: number[] = [];
    const sundayNews: number[] = [];
    for (const [date, c] of perDay) {
      expect(c.all, date).toBeGreaterThan(110);
      expect(c.all, date).toBeLessThan(340);
      const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (dow === 0) sundayNews.push(c.news);
      else if (dow >= 1 && dow <= 5 && date !== '2026-09-01' && date !== '2026-09-02')
        weekdayNews.push(c.news);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(sundayNews)).toBeLessThan(mean(weekdayNews) * 0.8);
    const totals = [...perDay.values()].map((c) => c.all).sort((a, b) => a - b);
    expect(perDay.get('2026-09-02')!.all).toBeLessThan(totals[Math.floor(totals.length / 2)]!);
    expect(mean(totals)).toBeGreaterThan(150);
    expect(mean(totals)).toBeLessThan(300);
  });

  it('cover every topic and most communes in the background', () => {
    const background = full.labels.filter((l) => !l.event_id);
    expect(new Set(background.map((l) => l.topic))).toEqual(new Set(loadTopics().map((t) => t.id)));
    const communes = new Set(background.map((l) => l.unit_uid).filter((uid) => unitByUid(uid)?.level === 3));
    expect(communes.size).toBeGreaterThanOrEqual(80);
    for (const uid of communes) expect(uid.endsWith('/2025')).toBe(true);
  });

  it('name old units, copy stories across outlets and write like social media', () => {
    const folded = full.documents.map((d) => foldDiacritics(d.text));
    expect(folded.filter((t) => t.includes('huyen krong pac')).length).toBeGreaterThan(20);
    const oldLabels = full.labels.filter((l) => l.old_unit_uid);
    expect(oldLabels.length).toBeGreaterThan(1000);
    for (const l of oldLabels.slice(0, 200)) {
      const old = unitByUid(l.old_unit_uid!)!;
      expect(old.uid.endsWith('/pre2025')).toBe(true);
      expect(old.successors.map((s) => s.uid)).toContain(l.unit_uid);
    }
    const byId = new Map(full.documents.map((d) => [d.id, d]));
    const copies = full.labels.filter((l) => l.copy_of);
    expect(copies.length).toBeGreaterThan(300);
    const exact = copies.filter((l) => byId.get(l.id)!.text === byId.get(l.copy_of!)!.text);
    expect(exact.length).toBeGreaterThan(100);
    expect(exact.some((l) => byId.get(l.id)!.source !== byId.get(l.copy_of!)!.source)).toBe(true);
    const social = full.documents.filter((d) => d.kind === 'social');
    expect(
      social.filter((d) => /[a-z]{3}/.test(d.text) && d.text === foldDiacritics(d.text)).length,
    ).toBeGreaterThan(500);
    expect(social.filter((d) => /(^|\s)(ko|dc|đc)(\s|$)/.test(d.text)).length).toBeGreaterThan(200);
    const sources = new Set(full.documents.map((d) => d.source));
    for (const outlet of [
      'Báo Đắk Lắk',
      'Báo Phú Yên',
      'VnExpress',
      'Tuổi Trẻ',
      'Hội những người yêu Buôn Ma Thuột',
    ]) {
      expect(sources.has(outlet), outlet).toBe(true);
    }
  });
});

function checkGroundTruth(data: DemoData, days: number): void {
  const byId = new Map(data.documents.map((d, i) => [d.id, { doc: d, label: data.labels[i]! }]));
  const topics = new Map(loadTopics().map((t) => [t.id, t.keywords.map(foldDiacritics)]));
  for (const event of data.groundTruth) {
    const unit = unitByUid(event.unit_uid)!;
    expect(unit.code).toBe(event.unit_code);
    expect(unit.level).toBe(3);
    expect(unitByUid(event.old_unit_uid!)!.successors.map((s) => s.uid)).toContain(event.unit_uid);
    expect(unitByUid(event.district_uid!)!.level).toBe(2);
    expect(event.start).toMatch(ISO_LOCAL);
    expect(event.end).toMatch(ISO_LOCAL);
    const names = event.place_names.map((n) => foldDiacritics(unitShort(n)));
    const docs = event.document_ids.map((id) => byId.get(id)!);
    expect(docs.length).toBeGreaterThan(20);
    let keywordHits = 0;
    const problems: string[] = [];
    for (const { doc, label } of docs) {
      if (doc.published_at < event.start || doc.published_at > event.end)
        problems.push(`${doc.id}: outside window`);
      if (label.event_id !== event.id || label.topic !== event.topic || label.unit_uid !== event.unit_uid) {
        problems.push(`${doc.id}: label ${JSON.stringify(label)}`);
      }
      const where = foldDiacritics(`${doc.title} ${doc.text} ${doc.locality ?? ''}`);
      if (!names.some((n) => where.includes(n))) problems.push(`${doc.id}: place not named`);
      if (topics.get(event.topic)!.some((k) => where.includes(k))) keywordHits++;
    }
    expect(problems).toEqual([]);
    expect(keywordHits / docs.length, event.id).toBeGreaterThan(0.5);
    expect(new Set(docs.map((d) => d.doc.source)).size).toBeGreaterThanOrEqual(6);
    expect(docs.filter((d) => d.label.tone === 'neg').length / docs.length).toBeGreaterThan(0.6);
    expect(new Set(docs.map((d) => day(d.doc.published_at))).size).toBeGreaterThanOrEqual(3);
    assertMarkedRise(data, event, days);
  }
}

function unitShort(name: string): string {
  return loadUnits().find((u) => u.name === name)!.short_name;
}

/** The event's topic × commune runs far above its own level outside the window. */
function assertMarkedRise(data: DemoData, event: GroundTruthEvent, days: number): void {
  const windowDays = Math.round((Date.parse(event.end) - Date.parse(event.start)) / DAY_MS);
  let inside = 0;
  let outside = 0;
  data.labels.forEach((l, i) => {
    if (l.topic !== event.topic || l.unit_uid !== event.unit_uid) return;
    const at = data.documents[i]!.published_at;
    if (at >= event.start && at <= event.end) inside++;
    else outside++;
  });
  const insideRate = inside / windowDays;
  const outsideRate = (outside + 1) / (days - windowDays);
  expect(insideRate / outsideRate, event.id).toBeGreaterThan(10);
}

describe('demo ground truth', () => {
  it('matches the default events: GPMB, rumour, water, pollution', () => {
    expect(full.groundTruth.map((e) => e.topic).sort()).toEqual([
      'dat-dai',
      'moi-truong',
      'nuoc-sinh-hoat',
      'tin-don',
    ]);
    const gpmb = full.groundTruth.find((e) => e.topic === 'dat-dai')!;
    const texts = gpmb.document_ids.map((id) =>
      foldDiacritics(full.documents.find((d) => d.id === id)!.text),
    );
    expect(texts.filter((t) => t.includes('ea yong')).length / texts.length).toBeGreaterThan(0.4);
    checkGroundTruth(full, 120);
  });

  it('matches the alternative events on other topics', () => {
    const alt = generateDemo({ events: 'alt', scale: 0.5 });
    expect(alt.groundTruth.map((e) => e.topic).sort()).toEqual([
      'giao-duc',
      'giao-thong',
      'tham-nhung',
      'thien-tai',
    ]);
    expect(alt.documents[100]!.text).not.toBe(full.documents[100]!.text);
    checkGroundTruth(alt, 120);
  });

  it('drops events that a short stream cannot hold', () => {
    const short = generateDemo({ days: 10, scale: 0.2 });
    expect(short.groundTruth.length).toBeGreaterThan(0);
    expect(generateDemo({ days: 4, scale: 0.2 }).groundTruth).toEqual([]);
    for (const event of short.groundTruth) expect(day(event.end) <= '2026-08-06').toBe(true);
  });
});

describe('demo reports', () => {
  it('are monthly, pseudonymous, sometimes late or missing, and echo events', () => {
    const reports = full.reports;
    expect(reports.length).toBeGreaterThan(500);
    const current = new Set(
      loadUnits()
        .filter((u) => u.uid.endsWith('/2025'))
        .map((u) => u.code),
    );
    const byReporter = new Map<string, Set<string>>();
    for (const r of reports) {
      expect(r.reporter).toMatch(/^CTV-\d{4}$/);
      expect(r.period).toMatch(/^2026-(07|08|09|10|11)$/);
      expect(r.submitted_at).toMatch(ISO_LOCAL);
      expect(current.has(r.unit_code)).toBe(true);
      expect(['ổn định', 'quan tâm', 'phấn khởi', 'lo lắng', 'bức xúc']).toContain(r.mood);
      expect(r.topics.length).toBeGreaterThan(0);
      expect(r.summary.length).toBeGreaterThan(40);
      byReporter.set(r.reporter, (byReporter.get(r.reporter) ?? new Set()).add(r.period));
    }
    expect(byReporter.size).toBeGreaterThan(120);
    const full3 = [...byReporter.values()].filter((p) =>
      ['2026-08', '2026-09', '2026-10'].every((m) => p.has(m)),
    );
    expect(full3.length).toBeLessThan(byReporter.size);
    const late = reports.filter(
      (r) => r.submitted_at.slice(0, 7) > r.period || Number(r.submitted_at.slice(8, 10)) > 25,
    );
    expect(late.length).toBeGreaterThan(20);
    let echoes = 0;
    for (const event of full.groundTruth) {
      const echo = reports.filter(
        (r) =>
          r.unit_code === event.unit_code &&
          r.period === event.start.slice(0, 7) &&
          r.submitted_at >= event.start,
      );
      for (const r of echo) expect(r.topics[0], r.id).toBe(event.topic);
      echoes += echo.length;
    }
    expect(echoes).toBeGreaterThan(0);
  });
});

describe('demo survey', () => {
  it('is written as a Kobo CSV beside the JSONL documents', async () => {
    const survey = full.surveys[0]!;
    const files = await writtenFiles(path.join(tmp, 'full'), full);
    const rows: Record<string, string>[] = parse(files.get(`survey-${survey.name}.csv`)!.toString('utf8'), {
      columns: true,
    });
    const lines = files.get('documents.jsonl')!.toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBe(full.documents.length);
    expect(JSON.parse(lines[0]!)).toEqual(full.documents[0]);
    expect(rows.length).toBeGreaterThan(600);
    for (const column of [
      '_uuid',
      '_submission_time',
      'mau/trong_so',
      'mau/tang',
      'mau/cum',
      'van_de/kho_khan',
    ]) {
      expect(Object.keys(rows[0]!)).toContain(column);
    }
    expect(new Set(rows.map((r) => r['mau/tang']))).toEqual(
      new Set(['dl_do_thi', 'dl_nong_thon', 'py_do_thi', 'py_nong_thon']),
    );
    expect(new Set(rows.map((r) => r['mau/cum'])).size).toBeGreaterThanOrEqual(15);
    const choices = new Set(
      survey.questions.find((q) => q.type === 'select_multiple')!.choices!.map((c) => c.code),
    );
    expect(rows.some((r) => r['van_de/kho_khan']!.includes(' '))).toBe(true);
    const bad = rows.filter(
      (r) =>
        !(Number(r['mau/trong_so']) > 0) ||
        !r['van_de/kho_khan']!.split(' ').every((code) => choices.has(code)) ||
        !['', '1', '2', '3', '4', '5'].includes(r['danh_gia/gia_boi_thuong']!),
    );
    expect(bad).toEqual([]);
    expect(rows.some((r) => r['y_kien/de_xuat']!.length > 20)).toBe(true);
  });

  it('has weights that sum to the strata populations and plausible answers', () => {
    const survey = full.surveys[0]!;
    expect(survey.rows.length).toBeGreaterThan(700);
    expect(survey.rows.length).toBeLessThanOrEqual(800);
    const col = (name: string) => survey.columns.indexOf(name);
    const totals = new Map<string, number>();
    for (const row of survey.rows) {
      const stratum = row[col('mau/tang')]!;
      totals.set(stratum, (totals.get(stratum) ?? 0) + Number(row[col('mau/trong_so')]));
    }
    expect(totals.get('dl_nong_thon')! / 946_000).toBeCloseTo(1, 1);
    expect(totals.get('py_do_thi')! / 236_000).toBeCloseTo(1, 1);
    const weightedMean = (name: string) => {
      let sum = 0;
      let weight = 0;
      for (const row of survey.rows) {
        const value = row[col(name)]!;
        if (value === '') continue;
        const w = Number(row[col('mau/trong_so')]);
        sum += w * Number(value);
        weight += w;
      }
      return sum / weight;
    };
    expect(weightedMean('danh_gia/gia_boi_thuong')).toBeLessThan(weightedMean('danh_gia/cong_khai') - 0.4);
    expect(weightedMean('danh_gia/hai_long_chung')).toBeGreaterThan(2);
    expect(weightedMean('danh_gia/hai_long_chung')).toBeLessThan(4);
  });
});
