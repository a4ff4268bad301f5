// `dlxh claims match`: matches each document of a JSONL file against a statements file, one output line per input line.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { errorMessage } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';
import { parseTime } from '../../data/time.ts';
import { buildClaimIndex } from './claim-index.ts';
import { matchDocument } from './match-document.ts';
import type { MatchTier } from './match-document.ts';
import { readStatements } from './read-statements.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';
import type { Thresholds } from './thresholds.ts';

export interface MatchClaimsFileOptions {
  statementsFile: string;
  inFile: string;
  outFile: string;
  thresholds?: Thresholds;
}

export interface MatchClaimsReport {
  statements: number;
  lines: number;
  /** Lines with at least one match. */
  matched: number;
  /** Lines that could not be used (bad JSON, no text); each still has its output line. */
  failed: number;
}

/** One output line. `id` is the input's id as given (null when it has none). */
export interface MatchLine {
  id: string | number | null;
  matches: {
    statement_id: string | number;
    similarity: number;
    tier: MatchTier;
    contradiction: boolean;
    cues: string[];
  }[];
}

function idOf(record: Record<string, unknown>): string | number | null {
  const id = record.id;
  if (typeof id === 'string' && id.trim() !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return null;
}

function publishedAt(value: unknown): Date | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value.trim()))) {
    const date = new Date(Number(value) * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return typeof value === 'string' ? (parseTime(value) ?? undefined) : undefined;
}

/**
 * Reads statements (`{id, text | claim, verdict}` as JSONL, a JSON array or CSV) and streams `inFile` (JSONL
 * documents `{id?, text, title?, published_at?}`) to `outFile`: exactly one line per input line, in order,
 * `{id, matches: [{statement_id, similarity, tier, contradiction, cues}]}` sorted by similarity, empty `matches`
 * below the suggest threshold. A bad or empty line gets `{id: null | id, matches: []}` and a warning
 * `docs.jsonl: line N: reason`. The output appears complete or not at all (written aside, then renamed).
 * `await matchClaimsFile({ statementsFile, inFile: 'docs.jsonl', outFile: 'matches.jsonl' }, { logger })`.
 */
export async function matchClaimsFile(
  options: MatchClaimsFileOptions,
  ctx: { logger: Logger },
): Promise<MatchClaimsReport> {
  const { logger } = ctx;
  const statements = readStatements(options.statementsFile, logger);
  if (statements.length === 0)
    logger.warn(`${path.basename(options.statementsFile)}: no usable statements; nothing will match`);
  const index = buildClaimIndex(statements.map((s) => ({ id: s.id, text: s.claim })));
  const statementDates = statements.map((s) => s.issuedAt ?? undefined);
  const idValues = new Map(statements.map((s) => [s.id, s.idValue]));
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const inName = path.basename(options.inFile);
  const report: MatchClaimsReport = { statements: statements.length, lines: 0, matched: 0, failed: 0 };

  const tmp = `${options.outFile}.tmp-${process.pid}`;
  const out = fs.createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (line: MatchLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  try {
    const input = fs.createReadStream(options.inFile, { encoding: 'utf8' });
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    for await (const raw of lines) {
      report.lines++;
      const number = report.lines;
      const fail = async (id: string | number | null, problem: string) => {
        report.failed++;
        logger.warn(`${inName}: line ${number}: ${problem}`);
        await write({ id, matches: [] });
      };
      const line = raw.replace(/^\uFEFF/, '');
      if (line.trim() === '') {
        await fail(null, 'empty line');
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        await fail(null, 'invalid JSON');
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        await fail(null, 'not a JSON object');
        continue;
      }
      const r = record as Record<string, unknown>;
      const id = idOf(r);
      const body = typeof r.text === 'number' ? String(r.text) : r.text;
      if (typeof body !== 'string' || body.trim() === '') {
        await fail(id, r.text === undefined ? 'missing text' : 'empty or invalid text');
        continue;
      }
      const text = typeof r.title === 'string' && r.title.trim() !== '' ? `${r.title}\n${body}` : body;
      let matches: ReturnType<typeof matchDocument>;
      try {
        matches = matchDocument(index, text, { thresholds, at: publishedAt(r.published_at), statementDates });
      } catch (error) {
        await fail(id, errorMessage(error));
        continue;
      }
      if (matches.length > 0) report.matched++;
      await write({
        id,
        matches: matches.map((m) => ({
          statement_id: idValues.get(m.statementId) ?? m.statementId,
          similarity: m.similarity,
          tier: m.tier,
          contradiction: m.contradiction,
          cues: m.cues,
        })),
      });
    }
    out.end();
    await once(out, 'finish');
    fs.renameSync(tmp, options.outFile);
  } catch (error) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw new Error(`${inName}: ${errorMessage(error)}`, { cause: error });
  }
  logger.info(
    `${inName}: ${report.lines} lines, ${report.matched} matching a statement, ${report.failed} unusable (${report.statements} statements)`,
  );
  return report;
}
