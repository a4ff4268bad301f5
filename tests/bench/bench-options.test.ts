import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseBenchOptions } from '../../bench/bench-options.ts';
import { fmt, renderTable } from '../../bench/report-table.ts';

describe('bench options', () => {
  it('defaults finish in minutes: 1M documents for detection and the API, no 1 GB file', () => {
    const o = parseBenchOptions([]);
    expect(o).toEqual(DEFAULT_OPTIONS);
    expect(o.detect).toEqual([1_000_000]);
    expect(o.big).toBe(false);
  });

  it('reads sizes, stage lists and the opt-in 1 GB case', () => {
    const o = parseBenchOptions([
      '--docs',
      '100_000',
      '--detect',
      '100000,1000000',
      '--only',
      'ingest,api',
      '--big',
    ]);
    expect(o.docs).toBe(100_000);
    expect(o.detect).toEqual([100_000, 1_000_000]);
    expect(o.only).toEqual(['ingest', 'api']);
    expect(o.big).toBe(true);
  });

  it('keeps the API database where --api-db says, as an absolute path', () => {
    expect(parseBenchOptions([]).apiDb).toBeNull();
    expect(parseBenchOptions(['--api-db', '/tmp/api.duckdb', '--only', 'api']).apiDb).toBe('/tmp/api.duckdb');
    expect(parseBenchOptions(['--api-db', 'api.duckdb']).apiDb).toBe(path.resolve('api.duckdb'));
    expect(() => parseBenchOptions(['--api-db'])).toThrow('--api-db: give a database file');
  });

  it('names the option at fault', () => {
    expect(() => parseBenchOptions(['--docs', 'many'])).toThrow('--docs: invalid number "many"');
    expect(() => parseBenchOptions(['--only', 'ingest,warp'])).toThrow('--only: unknown stage "warp"');
    expect(() => parseBenchOptions(['--fast'])).toThrow('bench: unknown option "--fast"');
    expect(() => parseBenchOptions(['--detect', '0'])).toThrow('--detect');
  });
});

describe('bench table', () => {
  it('prints each figure beside its baseline, ratio and aim', () => {
    const table = renderTable([
      {
        figure: 'Ingest',
        value: fmt(2500),
        baseline: '25,000 read_json',
        ratio: 0.1,
        aim: '≥ 0.5',
        met: false,
      },
      { figure: 'Cold start', value: fmt(7.5), baseline: '', ratio: null, aim: '< 60', met: true },
    ]).split('\n');
    expect(table[0]).toMatch(/^\| figure +\| dlxh +\| baseline \(same run\) +\| ratio +\| aim +\| met \|$/);
    expect(table[2]).toMatch(/^\| Ingest +\| 2,500 \| 25,000 read_json +\| 0\.100 \| ≥ 0\.5 \| NO +\|$/);
    expect(table[3]).toMatch(/^\| Cold start +\| 7\.50 +\| +\| +\| < 60 +\| yes \|$/);
  });

  it('formats numbers by size', () => {
    expect(fmt(1234567.8)).toBe('1,234,568');
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(0.1234)).toBe('0.12');
    expect(fmt(Number.NaN)).toBe('–');
  });
});
