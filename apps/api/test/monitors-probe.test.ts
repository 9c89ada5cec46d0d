import { Writable } from 'node:stream';
import { createLogger } from '@mcpulse/config';
import { monitors } from '@mcpulse/db';
import { type ProbeOptions, runProbe } from '@mcpulse/probe';
import { type FixtureServer, startV1Sessionful, startV2ModernOnly } from '@mcpulse/testkit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const SECRET = 'Bearer s3cret-token-1';

let t: TestApp;
let owner: Caller;
let modern: FixtureServer;
let guarded: FixtureServer;
const probed: ProbeOptions[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  [modern, guarded] = await Promise.all([startV2ModernOnly(), startV1Sessionful({ requireAuth: SECRET })]);
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({
    logger: createLogger({ name: 'api-test', level: 'trace', destination }),
    allowedTargetCidrs: ['192.0.2.0/24'],
    probe: (options) => {
      probed.push(options);
      return runProbe(options);
    },
  });
  owner = await signUpUser(t.app);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([modern?.close(), guarded?.close()]);
});

function post(caller: Caller, url: string, payload?: object) {
  return t.app.inject({ method: 'POST', url, headers: caller.headers, ...(payload ? { payload } : {}) });
}

async function monitorCount(): Promise<number> {
  const [row] = await t.database.handle.db.select({ n: count() }).from(monitors);
  return row?.n ?? 0;
}

describe('probe first', () => {
  it('probes a modern server before saving and returns both', async () => {
    const response = await post(owner, '/api/v1/monitors', {
      name: 'Modern',
      url: modern.url,
      probeFirst: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { monitor, probe } = response.json();
    expect(probe).toMatchObject({
      url: modern.url,
      status: 'up',
      era: 'modern',
      error: null,
      httpAlive: true,
      toolCount: 3,
      schemaHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(monitor).toMatchObject({ name: 'Modern', url: modern.url, status: 'pending' });
  });

  it('saves the monitor even when the probe says down', async () => {
    const before = await monitorCount();
    const response = await post(owner, '/api/v1/monitors', {
      name: 'Nothing listens',
      url: 'http://127.0.0.1:9/mcp',
      probeFirst: true,
      timeoutMs: 2_000,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().probe).toMatchObject({ status: 'down', httpAlive: false });
    expect(await monitorCount()).toBe(before + 1);
  });
});

describe('check now', () => {
  let monitorId: string;

  beforeAll(async () => {
    const response = await post(owner, '/api/v1/monitors', {
      name: 'Guarded',
      url: guarded.url,
      headers: { Authorization: SECRET },
      timeoutMs: 8_000,
      degradedThresholdMs: 7_000,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.body).not.toContain('s3cret-token-1');
    monitorId = response.json().monitor.id;
  });

  it('probes with the saved settings and unsealed headers, and never echoes the secret', async () => {
    probed.length = 0;
    const response = await post(owner, `/api/v1/monitors/${monitorId}/check`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ url: guarded.url, status: 'up', era: 'legacy', error: null });
    expect(response.body).not.toContain('s3cret-token-1');
    expect(probed).toEqual([
      {
        url: guarded.url,
        transport: 'auto',
        headers: { Authorization: SECRET },
        timeoutMs: 8_000,
        degradedThresholdMs: 7_000,
        canary: null,
        allowPrivateAddresses: true,
        allowedCidrs: ['192.0.2.0/24'],
      },
    ]);
    expect(guarded.requests.some((request) => request.headers.authorization === SECRET)).toBe(true);

    for (const url of ['/api/v1/monitors', `/api/v1/monitors/${monitorId}`]) {
      const read = await t.app.inject({ method: 'GET', url, headers: owner.headers });
      expect(read.body).not.toContain('s3cret-token-1');
    }
  });

  it('fails with auth_failed once the header is replaced', async () => {
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${monitorId}`,
      headers: owner.headers,
      payload: { headers: { Authorization: 'Bearer wrong' } },
    });
    expect(patched.statusCode).toBe(200);
    const response = await post(owner, `/api/v1/monitors/${monitorId}/check`);
    expect(response.json()).toMatchObject({
      status: 'down',
      error: { code: 'auth_failed', phase: 'handshake' },
    });
    const restored = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${monitorId}`,
      headers: owner.headers,
      payload: { headers: { Authorization: SECRET } },
    });
    expect(restored.statusCode).toBe(200);
  });

  it('never writes a header value to the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).not.toContain('s3cret-token-1');
  });
});

describe('test connection', () => {
  it('probes unsaved settings and stores nothing', async () => {
    const before = await monitorCount();
    const response = await post(owner, '/api/v1/monitors/test', {
      url: guarded.url,
      headers: { Authorization: SECRET },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'up', era: 'legacy' });
    expect(response.body).not.toContain('s3cret-token-1');
    expect(await monitorCount()).toBe(before);
  });

  it.each([
    [{ url: 'ftp://example.com/mcp' }, 'url'],
    [{ url: 'https://example.com/mcp', headers: { 'Content-Type': 'text/plain' } }, 'headers.Content-Type'],
    [{ url: 'https://example.com/mcp', timeoutMs: 2_000, degradedThresholdMs: 3_000 }, 'degradedThresholdMs'],
    [{ url: 'https://example.com/mcp', headers: { Authorization: '••••••' } }, 'headers.Authorization'],
  ])('validates like create (%j → %s) and runs no probe', async (payload, field) => {
    probed.length = 0;
    const response = await post(owner, '/api/v1/monitors/test', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(probed).toEqual([]);
  });
});

describe('with private targets blocked', () => {
  let blocked: TestApp;
  let caller: Caller;

  beforeAll(async () => {
    blocked = await createTestApp({ allowPrivateTargets: false });
    caller = await signUpUser(blocked.app);
  });
  afterAll(async () => blocked?.close());

  it('answers check now on a loopback target with blocked_address', async () => {
    const created = await blocked.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: caller.headers,
      payload: { name: 'Loopback', url: modern.url },
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await blocked.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${created.json().monitor.id}/check`,
      headers: caller.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'down', error: { code: 'blocked_address' } });
  });

  it('blocks test connection and probe-first the same way', async () => {
    const tested = await blocked.app.inject({
      method: 'POST',
      url: '/api/v1/monitors/test',
      headers: caller.headers,
      payload: { url: modern.url },
    });
    expect(tested.json()).toMatchObject({ status: 'down', error: { code: 'blocked_address' } });
    const probedFirst = await blocked.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: caller.headers,
      payload: { name: 'Loopback 2', url: modern.url, probeFirst: true },
    });
    expect(probedFirst.statusCode).toBe(201);
    expect(probedFirst.json().probe).toMatchObject({ status: 'down', error: { code: 'blocked_address' } });
  });
});
