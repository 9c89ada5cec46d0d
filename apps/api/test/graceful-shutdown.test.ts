import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, type IncomingMessage, request } from 'node:http';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import {
  type FixtureServer,
  parsePrometheus,
  type RawServer,
  sampleValue,
  startRawServer,
  startV2ModernOnly,
} from '@mcpulse/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const API_ROOT = path.resolve(import.meta.dirname, '..');
const SLOW_MS = 1_500;

interface ServerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@mcpulse/source', '--import', 'tsx', 'src/server.ts'],
    // Only what the server is given here: nothing leaks in from the environment running the tests.
    { cwd: API_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => `stdout:\n${stdout}\nstderr:\n${stderr}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

interface Response {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(
  port: number,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<Response> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: options.agent ?? false,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Resolves with the error code of a fresh TCP connection attempt, or `connected`. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

async function waitUntilReady(port: number, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    const ready = await send(port, 'GET', '/readyz').catch(() => null);
    if (ready?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`the server never became ready\n${server.output()}`);
}

async function signUp(port: number): Promise<Record<string, string>> {
  const response = await send(port, 'POST', '/api/v1/auth/signup', {
    body: { email: `drain-${randomBytes(4).toString('hex')}@example.com`, password: 'correct horse battery' },
  });
  expect(response.status, response.body).toBe(201);
  const cookie = String(response.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/**
 * A real MCP server behind a proxy that holds the first request for `delayMs`,
 * so a probe of it is in flight for that long.
 */
async function startSlowMcpServer(fixture: FixtureServer, delayMs: number) {
  let firstSeen: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    firstSeen = resolve;
  });
  let held = false;
  const target = new URL(fixture.url);
  const proxy: RawServer = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (!held) {
        held = true;
        firstSeen();
        await sleep(delayMs);
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      try {
        const upstream = await fetch(new URL(req.url ?? '/', target.origin), {
          method: req.method ?? 'GET',
          headers,
          ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body } : {}),
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        const out: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name))
            out[name] = value;
        });
        res.writeHead(upstream.status, out);
        res.end(answer);
      } catch {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      }
    });
  });
  return { url: `${proxy.url}${target.pathname}`, reached, close: () => proxy.close() };
}

describe('the API process', () => {
  let database: TestDatabase;
  let fixture: FixtureServer;
  const running: ServerProcess[] = [];

  const baseEnv = (port: number, drainTimeoutMs: number) => ({
    DATABASE_URL: database.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    MCPULSE_QUEUE_PREFIX: `mcpulse-api-test-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
    MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
    MCPULSE_COOKIE_SECURE: 'false',
    MCPULSE_DRAIN_TIMEOUT_MS: String(drainTimeoutMs),
    LOG_LEVEL: 'info',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await startV2ModernOnly();
  });
  afterEach(() => {
    for (const server of running.splice(0)) server.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  it('on SIGTERM refuses new connections, finishes the request in flight and exits 0', async () => {
    const drainTimeoutMs = 8_000;
    const port = await freePort();
    const server = startServer(baseEnv(port, drainTimeoutMs));
    running.push(server);
    await waitUntilReady(port, server);
    // Its /metrics measures every queue of the deployment and its own Postgres pool (docs/metrics.md).
    const metrics = parsePrometheus((await send(port, 'GET', '/metrics')).body);
    for (const queue of ['probe-local', 'results', 'webhooks', 'webhooks-subscribers'])
      expect(
        sampleValue(metrics, 'mcpulse_queue_jobs', { queue, state: 'waiting', role: 'api' }),
        queue,
      ).toBe(0);
    expect(sampleValue(metrics, 'mcpulse_queue_oldest_waiting_seconds', { queue: 'results' })).toBe(0);
    expect(sampleValue(metrics, 'mcpulse_db_pool_max_connections', { role: 'api' })).toBe(10);
    expect(sampleValue(metrics, 'mcpulse_db_pool_connections', { state: 'busy' })).toBeGreaterThanOrEqual(0);
    const session = await signUp(port);
    const slow = await startSlowMcpServer(fixture, SLOW_MS);
    const agent = new Agent({ keepAlive: true });
    try {
      let finished = false;
      const inFlight = send(port, 'POST', '/api/v1/monitors/test', {
        body: { url: slow.url },
        headers: session,
        agent,
      }).finally(() => {
        finished = true;
      });
      await Promise.race([
        slow.reached,
        inFlight.then((response) => Promise.reject(new Error(`answered early: ${response.body}`))),
      ]);

      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      let refused = 'connected';
      while (refused === 'connected' && Date.now() - signalledAt < SLOW_MS / 2) {
        await sleep(25);
        refused = await tryConnect(port);
      }
      expect(refused).toBe('ECONNREFUSED');
      expect(finished).toBe(false);

      const response = await inFlight;
      expect(response.status, response.body).toBe(200);
      const result = JSON.parse(response.body) as { status: string; error: unknown };
      expect(['up', 'degraded'], response.body).toContain(result.status);

      const { code } = await server.exited;
      expect(code, server.output()).toBe(0);
      // The kept-alive connection is let go once its request is done, not held until its idle timeout.
      expect(Date.now() - signalledAt).toBeLessThan(drainTimeoutMs);
      expect(server.output()).toContain('shutting down');
    } finally {
      agent.destroy();
      await slow.close();
    }
  }, 60_000);

  it('on SIGINT cuts requests still running at the drain deadline and still exits 0', async () => {
    const drainTimeoutMs = 1_000;
    const port = await freePort();
    const server = startServer(baseEnv(port, drainTimeoutMs));
    running.push(server);
    await waitUntilReady(port, server);
    const session = await signUp(port);
    const slow = await startSlowMcpServer(fixture, 20_000);
    try {
      const inFlight = send(port, 'POST', '/api/v1/monitors/test', {
        body: { url: slow.url, timeoutMs: 30_000 },
        headers: session,
      }).then(
        (response) => `answered ${response.status}`,
        (error: NodeJS.ErrnoException) => error.code ?? 'error',
      );
      await Promise.race([slow.reached, inFlight.then((outcome) => Promise.reject(new Error(outcome)))]);
      const signalledAt = Date.now();
      server.child.kill('SIGINT');

      expect(await inFlight).toBe('ECONNRESET');
      const { code } = await server.exited;
      const elapsed = Date.now() - signalledAt;
      expect(code, server.output()).toBe(0);
      expect(elapsed).toBeGreaterThanOrEqual(drainTimeoutMs - 50);
      expect(elapsed).toBeLessThan(drainTimeoutMs + 3_000);
      expect(server.output()).toContain('drain timeout reached');
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('exits 1 naming every missing or malformed variable', async () => {
    const server = startServer({ PORT: 'eighty', MCPULSE_SECRET_KEY: randomBytes(32).toString('hex') });
    running.push(server);
    const { code } = await server.exited;
    expect(code, server.output()).toBe(1);
    const stderr = server.output().split('stderr:\n')[1] ?? '';
    expect(stderr).toContain('DATABASE_URL: required');
    expect(stderr).toContain('REDIS_URL: required');
    expect(stderr).toMatch(/PORT: expected an integer between 1 and 65535, got "eighty"/);
    expect(stderr).not.toContain('MCPULSE_SECRET_KEY');
  }, 30_000);
});
