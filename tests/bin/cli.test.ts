import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('dlxh CLI basics', () => {
  it('creates and migrates a missing database for any command, with no config', async () => {
    const db = path.join(tempDir(), 'fresh', 'dlxh.duckdb');
    const result = await runCli(['--db', db, 'sql', 'SELECT count(*) AS n FROM topics', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { n: number }[];
    expect(rows[0]!.n).toBeGreaterThanOrEqual(15);
    expect(fs.existsSync(db)).toBe(true);
  });

  it('writes CSV with quoting and refuses writes through sql', async () => {
    const db = path.join(tempDir(), 'dlxh.duckdb');
    const csv = await runCli(['--db', db, 'sql', `SELECT 'a,"b"' AS x, 1.5 AS y`, '--format', 'csv']);
    expect(csv.stdout).toBe('x,y\n"a,""b""",1.5\n');
    const write = await runCli(['--db', db, 'sql', 'DELETE FROM units']);
    expect(write.code).not.toBe(0);
    expect(write.stderr.trim()).toBe('dlxh: sql: only SELECT queries are allowed here');
  });

  it('gives one clear line for a corrupt database file', async () => {
    const db = path.join(tempDir(), 'corrupt.duckdb');
    fs.writeFileSync(db, Buffer.alloc(8192, 7));
    const result = await runCli(['--db', db, 'sql', 'SELECT 1']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`database ${db} is not a dlxh DuckDB database`);
  });

  it('gives one clear line for an unwritable folder', async () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const result = await runCli(['--db', path.join(blocker, 'x.duckdb'), 'sql', 'SELECT 1']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/folder .*not-a-folder is not writable/);
  });

  it('gives one clear line for a missing or invalid config file', async () => {
    const dir = tempDir();
    const missing = await runCli([
      '--db',
      path.join(dir, 'a.duckdb'),
      '--config',
      path.join(dir, 'nope.yaml'),
      'sql',
      'SELECT 1',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe(`dlxh: config ${path.join(dir, 'nope.yaml')}: file not found`);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'port: "eighty"\nunknown_key: 1\n');
    const invalid = await runCli(['--db', path.join(dir, 'a.duckdb'), '--config', bad, 'sql', 'SELECT 1']);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toContain(`config ${bad}: port:`);
    expect(invalid.stderr).toContain('unknown_key');
  });

  it('has --help on commands', async () => {
    const result = await runCli(['sql', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--format');
  });
});
