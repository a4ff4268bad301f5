/**
 * `npm run audit:deps` reads `npm audit --json`; here a stand-in `npm` on PATH answers as the registry would, so the
 * script's verdicts are checked without the network.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

function auditWith(answer: unknown): { code: number | null; out: string } {
  const bin = tempDir('dlxh-audit-deps-');
  fs.writeFileSync(path.join(bin, 'answer.json'), JSON.stringify(answer));
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\ncat "${path.join(bin, 'answer.json')}"\nexit 1\n`, {
    mode: 0o755,
  });
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-deps.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const counts = (high: number, critical: number) => ({
  info: 0,
  low: 1,
  moderate: 2,
  high,
  critical,
  total: 3 + high + critical,
});

describe('audit:deps', () => {
  it('fails on a high or critical advisory and names the package', () => {
    const result = auditWith({
      vulnerabilities: {
        'some-lib': { severity: 'high', via: [], range: '<1.2.3' },
        other: { severity: 'low', via: [] },
      },
      metadata: { vulnerabilities: counts(1, 0) },
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/audit:deps: high: some-lib <1\.2\.3/);
    expect(result.out).not.toMatch(/: other/);
  });

  it('passes with only low and moderate advisories, and prints the counts', () => {
    const result = auditWith({ vulnerabilities: {}, metadata: { vulnerabilities: counts(0, 0) } });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/1 low, 2 moderate, 0 high, 0 critical/);
  });

  it('says the check was not done when the advisory endpoint does not answer', () => {
    const result = auditWith({ message: '405 Method Not Allowed - POST https://registry/advisories/bulk' });
    expect(result.code).toBe(3);
    expect(result.out).toMatch(/NOT CHECKED: .*405 Method Not Allowed/);
  });
});
