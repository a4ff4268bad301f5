/**
 * One benchmark stage in a process of its own, so that each stage's peak memory is its own:
 * `node --import tsx bench/stage.ts <stage> '<json options>'` prints `BENCH_RESULT {…}` as its last line.
 * The api-server stage prints `BENCH_READY {…}` when it listens and stops when its standard input closes.
 * Each stage imports only its own modules, so that none carries another's (the web app, the detector) in its memory.
 */
import { READY_PREFIX, RESULT_PREFIX } from './stage-protocol.ts';

interface StageOptions {
  n: number;
  dir: string;
  days?: number;
  bytes?: number;
  workers?: number;
  archive?: boolean;
  /** big-ingest: the JSONL file the big-file stage wrote. */
  file?: string;
  /** api-server: a database file kept between runs (see `startApiServer`). */
  kept?: string;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function runStage(stage: string, options: StageOptions): Promise<Record<string, unknown>> {
  switch (stage) {
    case 'ingest': {
      const { benchIngest } = await import('./ingest-jsonl.ts');
      return { ...(await benchIngest(options.n)) };
    }
    case 'big-file': {
      const { writeBigJsonl } = await import('./big-ingest.ts');
      return { file: await writeBigJsonl(options.bytes ?? 2 ** 30, options.dir) };
    }
    case 'big-ingest': {
      const { benchBigIngest } = await import('./big-ingest.ts');
      return { ...(await benchBigIngest(options.file ?? '', options.dir)) };
    }
    case 'scoring': {
      const { benchScoring } = await import('./scoring.ts');
      return { ...(await benchScoring(options.n, 3000, options.workers)) };
    }
    case 'detection': {
      const { benchDetection } = await import('./detection.ts');
      return { ...(await benchDetection(options.n, options.days ?? 180, options.dir, options.archive)) };
    }
    case 'api-server': {
      const { startApiServer } = await import('./api-server.ts');
      const server = await startApiServer(options.n, options.dir, options.kept);
      process.stdout.write(`${READY_PREFIX}${JSON.stringify(server.session)}\n`);
      let peakServingMb = 0;
      const timer = setInterval(() => {
        peakServingMb = Math.max(peakServingMb, Math.round(process.memoryUsage().rss / 1048576));
      }, 100);
      await new Promise<void>((resolve) => {
        process.stdin.on('data', () => undefined);
        process.stdin.once('end', () => resolve());
      });
      clearInterval(timer);
      await server.stop();
      return { peakServingMb };
    }
    default:
      throw new Error(`bench: unknown stage "${stage}"`);
  }
}

const [stage, json] = process.argv.slice(2);
const result = await runStage(stage ?? '', JSON.parse(json ?? '{}') as StageOptions);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, maxRssMb: peakRssMb() })}\n`);
