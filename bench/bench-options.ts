/** Command-line options of `npm run bench`. */
import os from 'node:os';
import path from 'node:path';

export const STAGES = ['ingest', 'scoring', 'detection', 'api', 'coldstart', 'memory'] as const;
export type Stage = (typeof STAGES)[number];

export interface BenchOptions {
  /** Documents for the ingest benchmark. */
  docs: number;
  /** Documents scored per pass in the scoring benchmark. */
  scoreDocs: number;
  /** Worker threads for the multi-core scoring figure (0: skip). */
  workers: number;
  /** Document counts for the detection benchmark, one run each (a scaling table when more than one). */
  detect: number[];
  days: number;
  /** Skip archiving the first detection database (archive, count across tiers, restore). */
  skipArchive: boolean;
  apiDocs: number;
  /**
   * A database file kept for the API benchmark: when present a copy of it is served (repeated runs skip the build
   * and start alike); when missing the one built (with `apiDocs` documents) is copied there. Null: build each run.
   */
  apiDb: string | null;
  apiSeconds: number;
  connections: number;
  /** Ingest a 1 GB JSONL file for the memory figure (slow); otherwise a smaller file of `bigMb`. */
  big: boolean;
  bigMb: number;
  only: Stage[];
  /** Folder for the benchmark's files (a fresh subfolder is made in it and removed after). */
  dir: string;
  json: string | null;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  docs: 20_000,
  scoreDocs: 1000,
  workers: Math.max(0, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8)),
  detect: [1_000_000],
  days: 180,
  skipArchive: false,
  apiDocs: 1_000_000,
  apiDb: null,
  apiSeconds: 10,
  connections: 50,
  big: false,
  bigMb: 32,
  only: [...STAGES],
  dir: os.tmpdir(),
  json: null,
};

const USAGE = `npm run bench -- [--docs N] [--score-docs N] [--workers N] [--detect N[,N…]] [--days N] [--no-archive]
  [--api-docs N] [--api-db FILE] [--api-seconds S] [--connections N] [--big] [--big-mb N] [--only ${STAGES.join(',')}]
  [--dir DIR] [--json FILE]`;

function count(flag: string, value: string | undefined): number {
  const n = Number(value?.replaceAll('_', ''));
  if (value === undefined || !Number.isInteger(n) || n < 0)
    throw new Error(`${flag}: invalid number "${value}"\n${USAGE}`);
  return n;
}

/** `parseBenchOptions(['--docs', '100000'])` → the defaults with 100,000 ingest documents. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    ...DEFAULT_OPTIONS,
    detect: [...DEFAULT_OPTIONS.detect],
    only: [...STAGES],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    switch (flag) {
      case '--docs':
        options.docs = count(flag, value());
        break;
      case '--score-docs':
        options.scoreDocs = count(flag, value());
        break;
      case '--workers':
        options.workers = count(flag, value());
        break;
      case '--detect':
        options.detect = (value() ?? '').split(',').map((v) => count(flag, v));
        break;
      case '--days':
        options.days = count(flag, value());
        break;
      case '--no-archive':
        options.skipArchive = true;
        break;
      case '--api-docs':
        options.apiDocs = count(flag, value());
        break;
      case '--api-db': {
        const file = value();
        if (!file) throw new Error(`--api-db: give a database file\n${USAGE}`);
        options.apiDb = path.resolve(file);
        break;
      }
      case '--api-seconds':
        options.apiSeconds = count(flag, value());
        break;
      case '--connections':
        options.connections = count(flag, value());
        break;
      case '--big':
        options.big = true;
        break;
      case '--big-mb':
        options.bigMb = count(flag, value());
        break;
      case '--only': {
        const names = (value() ?? '').split(',');
        const unknown = names.find((n) => !(STAGES as readonly string[]).includes(n));
        if (unknown !== undefined)
          throw new Error(`--only: unknown stage "${unknown}" (stages: ${STAGES.join(', ')})`);
        options.only = names as Stage[];
        break;
      }
      case '--dir':
        options.dir = path.resolve(value() ?? '');
        break;
      case '--json':
        options.json = value() ?? null;
        break;
      case '--help':
        throw new Error(USAGE);
      default:
        throw new Error(`bench: unknown option "${flag}"\n${USAGE}`);
    }
  }
  if (options.detect.length === 0 || options.detect.some((n) => n < 1))
    throw new Error(`--detect: give document counts ≥ 1`);
  return options;
}
