/**
 * `npm run audit:deps`: the production dependencies checked against the npm registry's security advisories
 * (`npm audit --omit=dev`). Exit 1 when any advisory is high or critical; exit 0 with the counts otherwise.
 * When the advisory endpoint cannot be reached (no network, or a registry mirror without it), the check is not
 * done: it says so plainly and exits 3, so that CI can report it without calling it a pass.
 */
import { spawnSync } from 'node:child_process';

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[]; range?: string }>;
  message?: string;
  statusCode?: number;
}

const SERIOUS = ['high', 'critical'];

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout || '{}') as AuditReport;
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why =
    report.message ?? (run.error ? run.error.message : (run.stderr.trim().split('\n').at(-1) ?? 'no answer'));
  console.error(`audit:deps: NOT CHECKED: the registry's advisory endpoint did not answer (${why})`);
  process.exit(3);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => SERIOUS.includes(v.severity));
const summary = Object.entries(counts)
  .filter(([level]) => level !== 'total')
  .map(([level, n]) => `${n} ${level}`)
  .join(', ');
console.log(`audit:deps: production dependencies: ${summary}`);
for (const [name, v] of serious) console.log(`audit:deps: ${v.severity}: ${name} ${v.range ?? ''}`.trimEnd());
process.exit(serious.length > 0 ? 1 : 0);
