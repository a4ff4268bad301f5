/** Cold start: time from launching `dlxh serve` to `/api/health` answering 200, on a given database file. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const DLXH = fileURLToPath(new URL('../bin/dlxh.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `await coldStart('/tmp/x.duckdb')` → seconds until the health check answered (the server is stopped after). */
export async function coldStart(dbFile: string, timeoutMs = 120_000): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [DLXH, '--db', dbFile, 'serve', '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`bench: dlxh serve exited (${child.exitCode}): ${stderr.trim()}`);
      if (performance.now() - started > timeoutMs)
        throw new Error('bench: dlxh serve did not answer in time');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        await response.arrayBuffer();
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('late'), 10_000)),
    ]);
    if (stopped === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  }
}
