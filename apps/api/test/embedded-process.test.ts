import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePrometheus, sampleValue } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';

const API_ROOT = path.resolve(import.meta.dirname, '..');

interface EmbeddedProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  stdout(): string;
  output(): string;
}

function startEmbedded(args: string[], env: Record<string, string>): EmbeddedProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@mcpulse/source', '--import', 'tsx', 'src/embedded.ts', ...args],
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, output: () => `stdout:\n${stdout}\nstderr:\n${stderr}` };
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

/** A request with a Host header of our choosing, which fetch does not let a caller set. */
function rawRequest(
  port: number,
  { path: target, method, host }: { path: string; method: string; host: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: target, method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    sent.once('error', reject);
    sent.end();
  });
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the embedded mode (npm start -- --demo)', () => {
  it('refuses other hosts and origins, keeps requests out of the info log, says where the demo login is saved, reads its limits, and stops cleanly', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mcpulse-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const embedded = startEmbedded(['--demo'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      MCPULSE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      MCPULSE_RATE_LIMIT_PER_IP: '20',
      MCPULSE_BODY_LIMIT_BYTES: '2000',
    });
    cleanups.push(async () => {
      if (embedded.child.exitCode === null) embedded.child.kill('SIGKILL');
      await embedded.exited;
    });
    const deadline = Date.now() + 90_000;
    while (!embedded.stdout().includes('demo-login.json')) {
      if (Date.now() > deadline || embedded.child.exitCode !== null)
        throw new Error(`no banner\n${embedded.output()}`);
      await sleep(200);
    }

    const loginFile = path.join(dataDir, 'demo-login.json');
    const saved = JSON.parse(await readFile(loginFile, 'utf8')) as { email: string; password: string };
    expect(embedded.stdout()).toContain(`Demo: log in as ${saved.email} / ${saved.password}`);
    expect(embedded.stdout()).toContain(`The demo login is also saved in ${loginFile}`);

    const base = `http://127.0.0.1:${port}`;
    // The in-process probe region beats like a distributed one, so readiness reports it heard from.
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      regions: [{ region: 'local', lastHeartbeatAt: expect.any(String), silent: false }],
      silentRegions: [],
    });
    // One process playing every role serves every role's metrics (docs/metrics.md).
    const metrics = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
    const names = new Set(metrics.map((family) => family.name));
    for (const name of [
      'mcpulse_queue_jobs',
      'mcpulse_queue_oldest_waiting_seconds',
      'mcpulse_checks_total',
      'mcpulse_check_start_delay_seconds',
      'mcpulse_ingest_results_total',
      'mcpulse_ingest_batch_duration_seconds',
      'mcpulse_webhook_attempts_total',
      'mcpulse_webhook_deliveries_pending',
      'mcpulse_scheduler_leader',
      'mcpulse_process_nodejs_eventloop_lag_seconds',
    ])
      expect(names, name).toContain(name);
    for (const queue of ['probe-local', 'results', 'webhooks', 'webhooks-subscribers'])
      expect(
        sampleValue(metrics, 'mcpulse_queue_jobs', { queue, state: 'delayed', role: 'embedded' }),
        queue,
      ).toBeDefined();
    expect(sampleValue(metrics, 'mcpulse_scheduler_leader', { role: 'embedded' })).toBe(1);
    // PGlite has no pool to measure.
    expect(names.has('mcpulse_db_pool_connections')).toBe(false);

    // DNS rebinding: a page on another name that resolves to this machine reaches the process, not the API.
    const rebound = await rawRequest(port, {
      path: '/api/v1/auth/signup',
      method: 'POST',
      host: 'attacker.example',
    });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
    // A cross-origin page posting to localhost is refused too.
    const crossOrigin = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
      body: JSON.stringify({ email: saved.email, password: saved.password }),
    });
    expect(crossOrigin.status).toBe(403);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: saved.email, password: saved.password }),
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const monitors = await fetch(`${base}/api/v1/monitors`, { headers: { cookie } });
    expect(monitors.status).toBe(200);
    const demoUrl = /the demo MCP server \((http:\/\/127\.0\.0\.1:\d+\/mcp)\)/.exec(embedded.stdout())?.[1];
    expect(JSON.stringify(await monitors.json())).toContain(demoUrl);

    // MCPULSE_BODY_LIMIT_BYTES and MCPULSE_RATE_LIMIT_PER_IP come from the environment, not from code.
    const oversized = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(3_000) }),
    });
    expect(oversized.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++) statuses.push((await fetch(`${base}/api/v1/monitors`)).status);
    // Login, the list and the oversized sign-up spent 3 of the 20; the 18th request here is the 21st.
    expect(statuses.slice(0, 17).every((status) => status === 401)).toBe(true);
    expect(statuses[17]).toBe(429);

    const logged = embedded.stdout();
    expect(logged).not.toContain('"msg":"request completed"');
    expect(logged).not.toContain('"msg":"incoming request"');

    embedded.child.kill('SIGTERM');
    expect(await embedded.exited, embedded.output()).toBe(0);
    expect(embedded.stdout()).toContain('"msg":"shutting down"');
    expect(embedded.stdout()).toContain('"msg":"stopped"');
    expect(embedded.stdout()).not.toContain('"msg":"stop step failed"');
  }, 120_000);
});
