import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');
const READY_TIMEOUT_MS = 90_000;

export interface EmbeddedStack {
  url: string;
  /** Everything the process printed, for a failing test's message. */
  output(): string;
  /**
   * Stops the stack, hands its PGlite data folder to `work` (the database is
   * single-process: nothing else may open it while the stack runs), then
   * starts it again on the same port, where sessions and data carry on.
   */
  offline<T>(work: (pgliteDir: string) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the embedded stack exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the embedded stack was not ready within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

interface Running {
  child: ChildProcess;
  exited: Promise<unknown>;
}

async function stopChild({ child, exited }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * `npm start` from source, in a child process: PGlite in a temporary data
 * folder, the in-process queue, scheduler, the `local` probe region, ingest,
 * the API and the built dashboard, on a free port; `env` adds to or overrides its environment.
 */
export async function startEmbeddedStack(env: Record<string, string> = {}): Promise<EmbeddedStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mcpulse-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const output = () => log.slice(-8_000);

  const start = async (): Promise<Running> => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mcpulse/source', '--import', 'tsx', 'apps/api/src/embedded.ts'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          HOST: '127.0.0.1',
          MCPULSE_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    try {
      await waitUntilReady(url, child, output);
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      throw error;
    }
    return { child, exited };
  };

  let running: Running | null;
  try {
    running = await start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    output,
    async offline(work) {
      if (running) await stopChild(running);
      running = null;
      const result = await work(path.join(dataDir, 'pglite'));
      running = await start();
      return result;
    },
    async stop() {
      if (running) await stopChild(running);
      running = null;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
