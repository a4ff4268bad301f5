/**
 * Dependencies are pinned by the lock file: `npm ci` installs exactly the versions and content hashes it lists,
 * and refuses to run when package.json and the lock disagree. (`npm audit --omit=dev` needs the registry's
 * advisory endpoint, so it is not run here, since tests never touch the network: `npm run audit:deps` runs it, and
 * .ci/run calls that after the tests.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp.ts';

interface LockEntry {
  version?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;

describe('the lock file', () => {
  const pkg = readJson<LockEntry>('package.json');
  const lock = readJson<{ lockfileVersion: number; packages: Record<string, LockEntry> }>(
    'package-lock.json',
  );
  const entries = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && !entry.link);

  it('is committed, and lists exactly the dependencies package.json declares', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const root = lock.packages['']!;
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
    expect(root.optionalDependencies).toEqual(pkg.optionalDependencies);
  });

  it('pins every package to one version and a content hash', () => {
    const unpinned = entries
      .filter(([, entry]) => !entry.version || !/^sha(256|384|512)-/.test(entry.integrity ?? ''))
      .map(([key]) => key);
    expect(unpinned).toEqual([]);
    expect(entries.filter(([, entry]) => !entry.dev).length).toBeGreaterThan(100);
  });

  it('matches what is installed', () => {
    const differing: string[] = [];
    for (const [key, entry] of entries) {
      const file = path.join(REPO_ROOT, key, 'package.json');
      if (!fs.existsSync(file)) {
        if (!entry.optional) differing.push(`${key}: not installed`);
        continue;
      }
      const installed = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
      if (installed !== entry.version)
        differing.push(`${key}: ${installed} installed, ${entry.version} locked`);
    }
    expect(differing).toEqual([]);
  });
});
