import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const WORKER_ROOT = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Runs the real worker entry point, from source, as a separate process a test can kill. */
export function spawnWorker(args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@mcpulse/source', '--import', 'tsx', 'src/main.ts', ...args],
    {
      cwd: WORKER_ROOT,
      // A test scheduler never reads the public registry: the directory's sync is tested on a fixture.
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', MCPULSE_REGISTRY_URLS: 'none', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => output, exited };
}

export async function waitFor<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
