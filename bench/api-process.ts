import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface ApiProcess {
  port: number;
  /** CPU seconds (user + system) the API process has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcessOptions {
  /** Variables a bench sets besides the API's required ones (a rate limit, NODE_ENV). */
  env?: Record<string, string>;
  /** How long the API may take to answer /readyz; 60 s unless given. */
  readyWithinMs?: number;
}

/**
 * The real API (`apps/api/src/server.ts`, run from source as the other benches run their code) in
 * a process of its own on loopback, so its CPU is its own and the figures are one process's.
 */
export async function startApi(
  databaseUrl: string,
  redisUrl: string,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const readyWithinMs = options.readyWithinMs ?? 60_000;
  const port = await freePort();
  const root = path.resolve(import.meta.dirname, '..');
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@mcpulse/source', '--import', 'tsx', 'apps/api/src/server.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        MCPULSE_QUEUE_PREFIX: `bench-api-${randomBytes(4).toString('hex')}`,
        MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
    },
  );
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API was not ready within ${readyWithinMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    port,
    async cpuSeconds() {
      // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 per second on Linux).
      const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
