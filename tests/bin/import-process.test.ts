import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp.ts';

/** Peak heap of a fresh process that keeps ~20 MB live while making ~150 MB of garbage, with or without the flag. */
function peakHeapMb(favour: boolean): number {
  const script = `
    import { favourMemoryOverSpeed } from '${REPO_ROOT}/bin/import-process.ts';
    if (${favour}) favourMemoryOverSpeed();
    const live = [];
    let peak = 0;
    for (let i = 0; i < 300; i++) {
      const batch = [];
      for (let j = 0; j < 2000; j++) batch.push({ s: 'x'.repeat(200) + i + ':' + j, a: new Array(20).fill(j) });
      live.push(batch);
      if (live.length > 20) live.shift();
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(Math.round(peak / 1048576));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return Number(out.trim());
}

describe('favourMemoryOverSpeed', () => {
  it('keeps the heap of an import-like process well below what V8 grows it to by default', () => {
    const before = peakHeapMb(false);
    const after = peakHeapMb(true);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before * 0.75);
  });
});
