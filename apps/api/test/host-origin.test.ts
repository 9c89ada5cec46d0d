import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@mcpulse/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/config.js';
import { loadEmbeddedEnv } from '../src/embedded/embedded-config.js';
import { REQUIRED_API_ENV } from './support/api-env.js';
import { rawExchange } from './support/raw-http.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const REFUSED_HOST = { error: { code: 'host_not_allowed', message: expect.any(String) } };
const REFUSED_ORIGIN = { error: { code: 'origin_not_allowed', message: expect.any(String) } };
const PASSWORD = 'correct horse battery';

describe('the Host allow-list', () => {
  let t: TestApp;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'mcpulse-web-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>mcpulse</title>');
    t = await createTestApp({
      webRoot,
      allowedHosts: [{ hostname: 'mcpulse.example.com' }, { hostname: 'status.example.com', port: 8443 }],
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it.each(['localhost:3000', 'LOCALHOST', '127.0.0.1:8080', '[::1]:3000', 'mcpulse.example.com'])(
    'answers Host %s',
    async (host) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { host } });
      expect(response.statusCode, response.body).toBe(401);
    },
  );

  it('answers a configured host:port on that port only', async () => {
    const onPort = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: 'status.example.com:8443' },
    });
    expect(onPort.statusCode).toBe(200);
    for (const host of ['status.example.com:9000', 'status.example.com']) {
      const elsewhere = await t.app.inject({ method: 'GET', url: '/', headers: { host } });
      expect(elsewhere.statusCode, host).toBe(421);
    }
  });

  it.each([
    ['GET', '/'],
    ['GET', '/login'],
    ['GET', '/api/v1/account'],
    ['GET', '/api/v1/nothing-here'],
    ['GET', '/docs/json'],
    ['POST', '/api/v1/auth/login'],
  ] as const)('refuses %s %s for a rebinding page’s host with 421 host_not_allowed', async (method, url) => {
    const response = await t.app.inject({
      method,
      url,
      headers: { host: 'rebind.attacker.example:3000' },
      ...(method === 'POST' ? { payload: { email: 'a@example.com', password: PASSWORD } } : {}),
    });
    expect(response.statusCode).toBe(421);
    expect(response.json()).toEqual(REFUSED_HOST);
    expect(response.json().error.message).toContain('MCPULSE_ALLOWED_HOSTS');
  });

  it('lets a rebinding page create nothing: its sign-up is refused before it runs', async () => {
    const email = 'rebound@example.com';
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { host: 'rebind.attacker.example:3000', origin: 'http://rebind.attacker.example:3000' },
      payload: { email, password: PASSWORD },
    });
    expect(refused.statusCode).toBe(421);
    expect(refused.cookies).toEqual([]);
    const owner = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: PASSWORD },
    });
    expect(owner.statusCode, owner.body).toBe(201);
  });

  it.each(['/healthz', '/readyz'])(
    'answers %s whatever the Host (orchestrators probe pod addresses)',
    async (url) => {
      for (const host of ['10.1.2.3:3000', 'api.mcpulse.svc.cluster.local', 'rebind.attacker.example']) {
        const response = await t.app.inject({ method: 'GET', url, headers: { host } });
        expect(response.statusCode, host).toBe(200);
      }
    },
  );

  it('refuses a request without Host, except health checks', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const noHost = (url: string) => `GET ${url} HTTP/1.1\r\nConnection: close\r\n\r\n`;
    const [api] = await rawExchange(port, [noHost('/api/v1/account')]);
    expect(api?.status).toBe(421);
    expect(JSON.parse(api?.body ?? '')).toEqual(REFUSED_HOST);
    const [health] = await rawExchange(port, [noHost('/healthz')]);
    expect(health?.status).toBe(200);
    const [http10] = await rawExchange(port, ['GET /api/v1/account HTTP/1.0\r\n\r\n']);
    expect(http10?.status).toBe(421);
  });
});

describe('the Host allow-list behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: true, allowedHosts: [{ hostname: 'mcpulse.example.com' }] });
  });
  afterAll(async () => t?.close());

  it('checks the X-Forwarded-Host the proxy passes on as well as the Host header', async () => {
    const forwarded = (host: string, forwardedHost: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/account',
        headers: { host, 'x-forwarded-host': forwardedHost, 'x-forwarded-proto': 'https' },
      });
    expect((await forwarded('mcpulse.example.com', 'mcpulse.example.com')).statusCode).toBe(401);
    expect((await forwarded('mcpulse.example.com', 'rebind.attacker.example')).statusCode).toBe(421);
    expect((await forwarded('rebind.attacker.example', 'mcpulse.example.com')).statusCode).toBe(421);
  });
});

describe('the Origin of state-changing requests', () => {
  let t: TestApp;
  let owner: Caller;
  let proxied: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpUser(t.app);
    proxied = await createTestApp({ trustProxy: true, allowedHosts: [{ hostname: 'mcpulse.example.com' }] });
  });
  afterAll(async () => {
    await t?.close();
    await proxied?.close();
  });

  const logIn = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'localhost:3000', ...headers },
      payload: { email: 'nobody@example.com', password: PASSWORD },
    });

  it('lets a request from the same origin, or without Origin (curl, API clients), through', async () => {
    expect((await logIn({ origin: 'http://localhost:3000' })).statusCode).toBe(401);
    expect((await logIn({ origin: 'HTTP://LOCALHOST:3000' })).statusCode).toBe(401);
    expect((await logIn({})).statusCode).toBe(401);
  });

  it.each([
    'https://attacker.example',
    'http://localhost:8000',
    'https://localhost:3000',
    'http://127.0.0.1:3000',
    'null',
    'not a url',
  ])('refuses a log-in from origin %j with 403 origin_not_allowed', async (origin) => {
    const response = await logIn({ origin });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual(REFUSED_ORIGIN);
  });

  it('refuses every state-changing method from a foreign origin, and lets reads through', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: { ...owner.headers, origin: 'http://localhost' },
      payload: { name: 'Docs', url: 'https://docs.example.com/mcp' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ monitor: { id: string } }>().monitor.id;
    const foreign = { ...owner.headers, origin: 'https://attacker.example' };
    for (const [method, url, payload] of [
      ['POST', `/api/v1/monitors/${id}/pause`, undefined],
      ['PATCH', `/api/v1/monitors/${id}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/monitors/${id}`, undefined],
      ['POST', '/api/v1/auth/logout', undefined],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: foreign, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json()).toEqual(REFUSED_ORIGIN);
    }
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: foreign });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ name: 'Docs', paused: false });
  });

  it('compares scheme, host and port as the trusted proxy forwarded them', async () => {
    const send = (origin: string) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: {
          host: 'mcpulse.example.com',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'mcpulse.example.com',
          origin,
        },
        payload: { email: 'nobody@example.com', password: PASSWORD },
      });
    expect((await send('https://mcpulse.example.com')).statusCode).toBe(401);
    expect((await send('https://mcpulse.example.com:443')).statusCode).toBe(401);
    expect((await send('http://mcpulse.example.com')).statusCode).toBe(403);
    expect((await send('https://mcpulse.example.com:8443')).statusCode).toBe(403);
  });
});

describe('MCPULSE_ALLOWED_HOSTS', () => {
  const required = REQUIRED_API_ENV;

  it('adds host names, with or without a port, in both modes', () => {
    const value = 'mcpulse.example.com, status.example.com:8443,[fd00::5]';
    const expected = [
      { hostname: 'mcpulse.example.com' },
      { hostname: 'status.example.com', port: 8443 },
      { hostname: '[fd00::5]' },
    ];
    expect(loadApiEnv({ ...required, MCPULSE_ALLOWED_HOSTS: value }).MCPULSE_ALLOWED_HOSTS).toEqual(expected);
    expect(loadEmbeddedEnv({ MCPULSE_ALLOWED_HOSTS: value }).MCPULSE_ALLOWED_HOSTS).toEqual(expected);
    expect(loadApiEnv(required).MCPULSE_ALLOWED_HOSTS).toEqual([]);
  });

  it.each(['https://mcpulse.example.com', 'mcpulse.example.com:http', '*.example.com'])(
    'stops start-up naming the variable for %j',
    (value) => {
      for (const load of [
        () => loadApiEnv({ ...required, MCPULSE_ALLOWED_HOSTS: value }),
        () => loadEmbeddedEnv({ MCPULSE_ALLOWED_HOSTS: value }),
      ]) {
        expect(load).toThrow(ConfigError);
        expect(load).toThrow(/MCPULSE_ALLOWED_HOSTS: expected comma-separated host names/);
      }
    },
  );
});
