/** Runs bench/stage.ts in a child process and reads its result line. */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { READY_PREFIX, RESULT_PREFIX } from './stage-protocol.ts';

const STAGE = fileURLToPath(new URL('./stage.ts', import.meta.url));

export interface StageProcess {
  child: ChildProcess;
  /** Resolves with the `BENCH_READY` payload (api-server) or rejects if the stage ends first. */
  ready: Promise<Record<string, unknown>>;
  /** Resolves with the `BENCH_RESULT` payload when the process exits. */
  result: Promise<Record<string, unknown>>;
}

/** `const stage = spawnStage('detection', { n: 1e6, dir }); await stage.result`. Extra node flags go in `nodeArgs`. */
export function spawnStage(name: string, options: object, nodeArgs: string[] = []): StageProcess {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', STAGE, name, JSON.stringify(options)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let onReady: (v: Record<string, unknown>) => void = () => undefined;
  let onReadyFail: (e: Error) => void = () => undefined;
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    onReady = resolve;
    onReadyFail = reject;
  });
  ready.catch(() => undefined);
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    let payload: Record<string, unknown> | null = null;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) onReady(JSON.parse(line.slice(READY_PREFIX.length)));
      else if (line.startsWith(RESULT_PREFIX)) payload = JSON.parse(line.slice(RESULT_PREFIX.length));
      else process.stderr.write(`${line}\n`);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const failure = new Error(`bench: stage ${name} exited with status ${code}`);
      onReadyFail(failure);
      if (payload) resolve(payload);
      else reject(failure);
    });
  });
  return { child, ready, result };
}
