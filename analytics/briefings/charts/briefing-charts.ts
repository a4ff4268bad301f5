/** The briefing's charts: Plot specifications over already-queried rows, in grayscale-safe patterns. */
import * as Plot from '@observablehq/plot';
import { formatNumber, formatShare } from '../format.ts';
import type { Lang } from '../types.ts';
import { patternDefs, patternFill } from './patterns.ts';
import { renderPlot, type RenderedSvg } from './render-plot.ts';
import { dayDate, viUtcFormat } from './vi-time-locale.ts';

const WIDTH = 640;

function shorten(label: string, max = 34): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

function leftMargin(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(230, Math.max(80, Math.round(longest * 6.3) + 14));
}

/** Horizontal charts: value axis labelled below its middle, clear of the last tick. */
const X_AXIS = { grid: true, labelAnchor: 'center', labelOffset: 34, labelArrow: 'none' } as const;

const enDay = (date: Date) => `${date.getUTCDate()}/${date.getUTCMonth() + 1}`;

export interface DailyPoint {
  day: string;
  documents: number;
  negative: number;
}

/**
 * Documents per day, the negative ones hatched at the bottom of each bar.
 * Weekly windows label every day ("T2 16/11"), longer ones every seventh.
 */
export function dailyVolumeChart(
  id: string,
  points: readonly DailyPoint[],
  labels: { negative: string; other: string; x: string; y: string },
  lang: Lang,
): RenderedSvg {
  const rows = points.flatMap((p) => [
    { date: dayDate(p.day), series: labels.negative, n: p.negative },
    { date: dayDate(p.day), series: labels.other, n: p.documents - p.negative },
  ]);
  const dates = points.map((p) => dayDate(p.day));
  const ticks = dates.length <= 10 ? dates : dates.filter((_, i) => i % 7 === 0);
  const dayLabel = lang === 'vi' ? viUtcFormat(dates.length <= 10 ? '%a %d/%m' : '%d/%m') : enDay;
  const fills = [patternFill(id, 'hatch'), patternFill(id, 'light')];
  return renderPlot(
    {
      width: WIDTH,
      height: 250,
      marginLeft: 52,
      marginBottom: 36,
      x: { type: 'band', domain: dates, ticks, tickFormat: dayLabel, label: labels.x, padding: 0.15 },
      y: { grid: true, label: labels.y, tickFormat: (v: number) => formatNumber(v, lang) },
      color: { domain: [labels.negative, labels.other], range: fills },
      marks: [
        Plot.barY(rows, {
          x: 'date',
          y: 'n',
          fill: 'series',
          order: [labels.negative, labels.other],
          stroke: '#000',
          strokeWidth: 0.6,
        }),
        Plot.ruleY([0]),
      ],
    },
    {
      id,
      defs: patternDefs(id, ['hatch', 'light']),
      legend: [
        { label: labels.negative, fill: fills[0]! },
        { label: labels.other, fill: fills[1]! },
      ],
    },
  );
}

export interface TopicPoint {
  name: string;
  current: number;
  previous: number;
}

/** Mentions per topic in this window (dark) and the previous one (dotted), side by side. */
export function topicChangeChart(
  id: string,
  topics: readonly TopicPoint[],
  labels: { current: string; previous: string; x: string },
  lang: Lang,
): RenderedSvg {
  const names = topics.map((t) => shorten(t.name));
  const rows = topics.flatMap((t, i) => [
    { topic: names[i]!, series: labels.current, n: t.current },
    { topic: names[i]!, series: labels.previous, n: t.previous },
  ]);
  const fills = [patternFill(id, 'dark'), patternFill(id, 'dots')];
  return renderPlot(
    {
      width: WIDTH,
      height: Math.max(160, 40 + topics.length * 34),
      marginLeft: leftMargin(names),
      marginRight: 40,
      marginTop: 6,
      marginBottom: 40,
      x: { ...X_AXIS, label: labels.x, tickFormat: (v: number) => formatNumber(v, lang) },
      y: { axis: null, domain: [labels.current, labels.previous] },
      fy: { domain: names, label: null, padding: 0.15 },
      color: { domain: [labels.current, labels.previous], range: fills },
      marks: [
        Plot.barX(rows, {
          x: 'n',
          y: 'series',
          fy: 'topic',
          fill: 'series',
          stroke: '#000',
          strokeWidth: 0.6,
        }),
        Plot.text(rows, {
          x: 'n',
          y: 'series',
          fy: 'topic',
          text: (d: { n: number }) => formatNumber(d.n, lang),
          textAnchor: 'start',
          dx: 3,
          fontSize: 9,
        }),
        Plot.ruleX([0]),
      ],
    },
    {
      id,
      defs: patternDefs(id, ['dark', 'dots']),
      legend: [
        { label: labels.current, fill: fills[0]! },
        { label: labels.previous, fill: fills[1]! },
      ],
    },
  );
}

export interface SentimentPoint {
  name: string;
  negative: number;
  neutral: number;
  positive: number;
}

/** Shares of negative (hatched), neutral (grey) and positive (dotted) documents per topic or unit, to 100%. */
export function sentimentShareChart(
  id: string,
  items: readonly SentimentPoint[],
  labels: { negative: string; neutral: string; positive: string; x: string },
  lang: Lang,
): RenderedSvg {
  const names = items.map((t) => shorten(t.name));
  const order = [labels.negative, labels.neutral, labels.positive];
  const rows = items.flatMap((t, i) => {
    const total = t.negative + t.neutral + t.positive || 1;
    return [
      { name: names[i]!, label: labels.negative, share: t.negative / total },
      { name: names[i]!, label: labels.neutral, share: t.neutral / total },
      { name: names[i]!, label: labels.positive, share: t.positive / total },
    ];
  });
  const fills = [patternFill(id, 'hatch'), patternFill(id, 'light'), patternFill(id, 'dots')];
  return renderPlot(
    {
      width: WIDTH,
      height: Math.max(140, 50 + items.length * 24),
      marginLeft: leftMargin(names),
      marginRight: 24,
      marginBottom: 40,
      x: {
        ...X_AXIS,
        domain: [0, 1],
        label: labels.x,
        tickFormat: (v: number) => formatShare(v, lang, 0),
      },
      y: { domain: names, label: null, padding: 0.2 },
      color: { domain: order, range: fills },
      marks: [
        Plot.barX(rows, { x: 'share', y: 'name', fill: 'label', order, stroke: '#000', strokeWidth: 0.6 }),
        Plot.text(
          rows.filter((r) => r.label === labels.negative && r.share >= 0.08),
          {
            x: (d: { share: number }) => d.share / 2,
            y: 'name',
            text: (d: { share: number }) => formatShare(d.share, lang, 0),
            fontSize: 9,
            fontWeight: 'bold',
            stroke: '#ffffff',
            strokeWidth: 3,
            fill: '#000000',
          },
        ),
      ],
    },
    {
      id,
      defs: patternDefs(id, ['hatch', 'light', 'dots']),
      legend: order.map((label, i) => ({ label, fill: fills[i]! })),
    },
  );
}

export interface IntervalPoint {
  label: string;
  estimate: number;
  low: number;
  high: number;
}

/** Estimates with their 95% intervals: a square at the estimate, a bar across the interval. */
export function intervalChart(
  id: string,
  points: readonly IntervalPoint[],
  options: { kind: 'proportion' | 'mean'; x: string; estimate: string; interval: string },
  lang: Lang,
): RenderedSvg {
  const names = points.map((p) => shorten(p.label, 40));
  const rows = points.map((p, i) => ({ ...p, name: names[i]! }));
  const format = (v: number) =>
    options.kind === 'proportion' ? formatShare(v, lang, 0) : formatNumber(v, lang, 1);
  const max = Math.max(...points.map((p) => p.high));
  return renderPlot(
    {
      width: WIDTH,
      height: Math.max(120, 50 + points.length * 28),
      marginLeft: leftMargin(names),
      marginRight: 50,
      marginBottom: 40,
      x: {
        ...X_AXIS,
        label: options.x,
        tickFormat: format,
        domain: options.kind === 'proportion' ? [0, Math.min(1, Math.ceil(max * 10) / 10)] : undefined,
        nice: true,
      },
      y: { domain: names, label: null, padding: 0.3 },
      marks: [
        Plot.ruleY(rows, { y: 'name', x1: 'low', x2: 'high', stroke: '#000', strokeWidth: 2 }),
        Plot.tickX(rows, { y: 'name', x: 'low', stroke: '#000' }),
        Plot.tickX(rows, { y: 'name', x: 'high', stroke: '#000' }),
        Plot.dot(rows, { y: 'name', x: 'estimate', symbol: 'square', r: 4, fill: '#ffffff', stroke: '#000' }),
        Plot.text(rows, {
          y: 'name',
          x: 'high',
          text: (d: IntervalPoint) => format(d.estimate),
          textAnchor: 'start',
          dx: 6,
          fontSize: 9,
        }),
      ],
    },
    {
      id,
      legend: [
        { label: options.estimate, fill: '#ffffff' },
        { label: options.interval, fill: '#000', line: {} },
      ],
    },
  );
}

export interface AlertSeriesPoint {
  /** The bucket: a local day (yyyy-mm-dd) or hour (yyyy-mm-ddThh…). */
  t: string;
  observed: number;
  expected: number | null;
}

/** A hot spot's series: stories per bucket as bars, the usual level as a line with dots. */
export function alertSeriesChart(
  id: string,
  points: readonly AlertSeriesPoint[],
  labels: { observed: string; expected: string; y: string },
  lang: Lang,
): RenderedSvg {
  const name = (t: string) =>
    t.length > 10
      ? `${t.slice(8, 10)}/${t.slice(5, 7)} ${t.slice(11, 13)}h`
      : `${t.slice(8, 10)}/${t.slice(5, 7)}`;
  const rows = points.map((p) => ({ ...p, name: name(p.t) }));
  const names = rows.map((r) => r.name);
  const step = Math.max(1, Math.ceil(names.length / 10));
  const expected = rows.filter((r) => r.expected !== null);
  const fill = patternFill(id, 'hatch');
  return renderPlot(
    {
      width: WIDTH,
      height: 240,
      marginLeft: 52,
      marginBottom: 36,
      x: {
        type: 'band',
        domain: names,
        ticks: names.filter((_, i) => i % step === 0),
        label: null,
        padding: 0.15,
      },
      y: { grid: true, label: labels.y, tickFormat: (v: number) => formatNumber(v, lang) },
      marks: [
        Plot.barY(rows, { x: 'name', y: 'observed', fill, stroke: '#000', strokeWidth: 0.6 }),
        Plot.line(expected, {
          x: 'name',
          y: 'expected',
          stroke: '#000',
          strokeWidth: 1.5,
          strokeDasharray: '4 3',
        }),
        Plot.dot(expected, { x: 'name', y: 'expected', r: 2.5, fill: '#000' }),
        Plot.ruleY([0]),
      ],
    },
    {
      id,
      defs: patternDefs(id, ['hatch']),
      legend: [
        { label: labels.observed, fill },
        { label: labels.expected, fill: '#000' },
      ],
    },
  );
}
