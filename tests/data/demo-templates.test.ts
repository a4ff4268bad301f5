import { describe, expect, it } from 'vitest';
import { BASE_VARIABLES } from '../../data/demo/documents.ts';
import { ALT_EVENTS, DEFAULT_EVENTS } from '../../data/demo/event-specs.ts';
import { createRng } from '../../data/demo/prng.ts';
import { REPORT_VARIABLES } from '../../data/demo/reports.ts';
import { checkTemplate, expand, formatNumberVi, tidySentences } from '../../data/demo/template.ts';
import { TOPIC_TEMPLATES } from '../../data/demo/templates/index.ts';
import type { EventTemplates, TopicTemplates } from '../../data/demo/types.ts';
import { loadTopics } from '../../data/reference/index.ts';

describe('createRng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, createRng(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('forks independent streams without moving the parent', () => {
    const a = createRng(3);
    const b = createRng(3);
    a.fork('x').next();
    expect(a.next()).toBe(b.next());
    expect(createRng(3).fork('x').next()).not.toBe(createRng(3).fork('y').next());
  });

  it('keeps integers in range and weighted picks proportional', () => {
    const rng = createRng(11);
    const counts = [0, 0];
    for (let i = 0; i < 20_000; i++) {
      const v = rng.int(2, 5);
      expect(v).toBeGreaterThanOrEqual(2);
      expect(v).toBeLessThanOrEqual(5);
      counts[rng.weightedIndex([1, 3])]!++;
    }
    expect(counts[1]! / 20_000).toBeCloseTo(0.75, 1);
  });
});

describe('expand', () => {
  it('picks alternatives, nests them and fills variables', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      seen.add(expand('[a|b [c|d]]-{x}', createRng(seed), { x: 'X' }));
    }
    expect([...seen].sort()).toEqual(['a-X', 'b c-X', 'b d-X']);
  });

  it('expands list variables as templates and formats numbers the Vietnamese way', () => {
    const text = expand('{v} {n:1000-1000} {d:2.5-2.5}', createRng(1), { v: ['[y] {w}'], w: 'z' });
    expect(text).toBe('y z 1.000 2,5');
    expect(formatNumberVi(1234567)).toBe('1.234.567');
  });

  it('names the template at fault', () => {
    expect(() => expand('[a|b', createRng(1))).toThrow('unclosed "[" in "[a|b"');
    expect(() => expand('{nope}', createRng(1))).toThrow('template variable "nope" is not defined');
  });
});

describe('tidySentences', () => {
  it('capitalises sentences but not after initials', () => {
    expect(tidySentences('xã Ea Kar . ông N.V.H. cho biết vậy. tốt')).toBe(
      'Xã Ea Kar. Ông N.V.H. cho biết vậy. Tốt',
    );
  });
});

function checkPools(pools: readonly (readonly string[])[], known: ReadonlySet<string>): number {
  let count = 0;
  for (const pool of pools) {
    expect(pool.length).toBeGreaterThan(0);
    for (const template of pool) {
      checkTemplate(template, known);
      count++;
    }
  }
  return count;
}

function topicPools(t: TopicTemplates): string[][] {
  const byTone = (r: Record<'neg' | 'neu' | 'pos', readonly string[]>) => [
    [...r.neg],
    [...r.neu],
    [...r.pos],
  ];
  return [
    ...byTone(t.news.title),
    ...byTone(t.news.lead),
    [...t.news.detail],
    ...byTone(t.news.voice),
    [...t.news.response],
    ...byTone(t.social),
  ];
}

function eventPools(e: EventTemplates): string[][] {
  return [
    [...e.outbreak.social],
    [...e.outbreak.title],
    [...e.outbreak.lead],
    [...e.coverage.title],
    [...e.coverage.lead],
    [...e.coverage.detail],
    [...e.coverage.voice],
    [...e.response.title],
    [...e.response.lead],
    [...e.response.detail],
    [...e.response.social],
  ];
}

describe('demo text templates', () => {
  it('cover exactly the taxonomy topics', () => {
    expect(TOPIC_TEMPLATES.map((t) => t.topic).sort()).toEqual(
      loadTopics()
        .map((t) => t.id)
        .sort(),
    );
  });

  it('parse and use only variables the generator defines', () => {
    let count = 0;
    for (const t of TOPIC_TEMPLATES) {
      const known = new Set([...BASE_VARIABLES, ...Object.keys(t.words)]);
      count += checkPools([...topicPools(t), ...Object.values(t.words)], known);
      const reportKnown = new Set([...REPORT_VARIABLES, ...Object.keys(t.words)]);
      count += checkPools([t.report.neg, t.report.neu, t.report.pos, t.report.proposal], reportKnown);
    }
    for (const spec of [...DEFAULT_EVENTS, ...ALT_EVENTS]) {
      const e = spec.templates;
      const topic = TOPIC_TEMPLATES.find((t) => t.topic === e.topic)!;
      const words = [...Object.keys(topic.words), ...Object.keys(e.words), ...Object.keys(e.facts ?? {})];
      count += checkPools(
        [...eventPools(e), ...Object.values(e.words)],
        new Set([...BASE_VARIABLES, ...words]),
      );
      count += checkPools([e.report.summary, e.report.proposal], new Set([...REPORT_VARIABLES, ...words]));
    }
    expect(count).toBeGreaterThan(700);
  });

  it('define default and alternative events on different topics', () => {
    const defaults = new Set(DEFAULT_EVENTS.map((e) => e.templates.topic));
    expect(DEFAULT_EVENTS.length).toBeGreaterThanOrEqual(4);
    expect(ALT_EVENTS.length).toBeGreaterThanOrEqual(4);
    for (const e of ALT_EVENTS) expect(defaults.has(e.templates.topic)).toBe(false);
  });
});
