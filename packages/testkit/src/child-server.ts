import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import type { FixtureServer } from './fixture-server.js';

const STARTUP_TIMEOUT_MS = 15_000;
const STDERR_LIMIT = 8192;

export interface ChildServerSpec {
  /** Named in the error when the server does not start. */
  label: string;
  /** The script Node runs and its arguments, given the port the server must listen on. */
  args(port: number): string[];
  env?(port: number): Record<string, string>;
  /** The MCP endpoint's path on `http://127.0.0.1:PORT`. */
  path: string;
}

/**
 * Runs a third-party MCP server as a child process of this Node and waits until its port
 * accepts connections. It is the server as published: its tools cannot be changed.
 */
export async function startChildServer(spec: ChildServerSpec): Promise<FixtureServer> {
  const port = await findFreePort();
  const child = spawn(process.execPath, spec.args(port), {
    env: { ...process.env, ...spec.env?.(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_LIMIT);
  });
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop(child);
    throw new Error(`${spec.label} did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}${spec.path}`,
    requests: [],
    setTools() {
      throw new Error(`${spec.label} has a fixed tool set; setTools is not supported`);
    },
    close: () => stop(child),
  };
}

/** Asks the OS for a free port. Another process could take it before the child binds; rare enough here. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} not accepting connections after ${STARTUP_TIMEOUT_MS} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

/** Kills the child and resolves once it has exited; SIGKILL if SIGTERM is ignored. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
