import { type ChildProcess, fork } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from '../setup/bench-env.js';
import { freePort } from './free-port.js';

const WORKER_ROOT = fileURLToPath(new URL('../../../apps/worker/', import.meta.url));
const WORKER_MAIN = path.join(WORKER_ROOT, 'src/main.ts');
const EXIT_WITH_PARENT = new URL('./exit-with-parent.ts', import.meta.url).href;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface RoleOptions {
  /** `scheduler`, `ingest` or `probe --region <name>`: the worker's own arguments. */
  args: string[];
  env: Record<string, string>;
  /** Where the child's stdout and stderr go. */
  logFile: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

export interface WorkerRole {
  name: string;
  pid: number;
  /** Resolves once /readyz answers 200. */
  ready(): Promise<void>;
  /** SIGTERM (the worker drains), then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
  exited(): boolean;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Runs the real worker entry from source, as production runs it (one role per
 * process), with an IPC channel the child watches (see exit-with-parent.ts):
 * being detached, it would otherwise outlive a bench killed with SIGKILL.
 */
export async function startWorkerRole(name: string, options: RoleOptions): Promise<WorkerRole> {
  const healthPort = await freePort();
  const log = openSync(options.logFile, 'a');
  const child = fork(WORKER_MAIN, options.args, {
    cwd: WORKER_ROOT,
    execArgv: [
      '--conditions=@mcpulse/source',
      '--import',
      'tsx',
      '--import',
      EXIT_WITH_PARENT,
      ...(options.nodeFlags ?? []),
    ],
    env: { PATH: benchEnv.PATH, ...options.env, MCPULSE_HEALTH_PORT: String(healthPort) },
    stdio: ['ignore', log, log, 'ipc'],
    // A session of its own, as a separate service would have: with Linux autogroup, children left in
    // the bench's session would share ONE CPU share against every other session on the machine.
    detached: true,
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  const isRunning = () => child.exitCode === null && child.signalCode === null;

  return {
    name,
    pid: child.pid ?? -1,
    async ready() {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      for (;;) {
        if (!isRunning()) throw new Error(`${name} exited (code ${child.exitCode}); see ${options.logFile}`);
        const ok = await fetch(`http://127.0.0.1:${healthPort}/readyz`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`${name} not ready after ${READY_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (isRunning()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      if (child.connected) child.disconnect();
    },
    exited: () => !isRunning(),
  };
}
