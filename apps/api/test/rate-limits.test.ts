import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const PER_KEY = 5;
const PER_IP = 3;
const ADMIN_TOKEN = 'a'.repeat(64);

/** A public route that does no work of its own: an empty log-in is refused by its schema. */
const anonymous = (ip: string) => ({
  method: 'POST' as const,
  url: '/api/v1/auth/login',
  remoteAddress: ip,
  payload: {},
});

describe('rate limits', () => {
  let t: TestApp;
  let keyA: string;
  let keyB: string;
  let owner: Caller;

  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perKey: PER_KEY, perIp: PER_IP }, adminToken: ADMIN_TOKEN });
    // Sign-up itself spends the budget of the address it came from, so it comes from its own.
    owner = await signUpUser(t.app);
    const mint = async (name: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: owner.headers,
        remoteAddress: '192.0.2.200',
        payload: { name, scope: 'read' },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ secret: string }>().secret;
    };
    keyA = await mint('a');
    keyB = await mint('b');
  });
  afterAll(async () => t?.close());

  it('refuses the request past the per-IP budget with 429, Retry-After and rate_limited', async () => {
    for (let i = 0; i < PER_IP; i += 1) {
      const response = await t.app.inject(anonymous('198.51.100.1'));
      expect(response.statusCode).toBe(400);
      expect(response.headers['x-ratelimit-limit']).toBe(String(PER_IP));
      expect(response.headers['x-ratelimit-remaining']).toBe(String(PER_IP - i - 1));
    }
    const limited = await t.app.inject(anonymous('198.51.100.1'));
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('keeps separate budgets for separate addresses', async () => {
    const other = await t.app.inject(anonymous('198.51.100.2'));
    expect(other.statusCode).toBe(400);
    expect(other.headers['x-ratelimit-remaining']).toBe(String(PER_IP - 1));
  });

  it('gives one address one budget across public and signed-in routes', async () => {
    const ip = '198.51.100.3';
    const session = { cookie: owner.headers.cookie ?? '' };
    const seen: number[] = [];
    for (const request of [
      anonymous(ip),
      { method: 'GET' as const, url: '/api/v1/account', headers: session, remoteAddress: ip },
      anonymous(ip),
      { method: 'GET' as const, url: '/api/v1/account', headers: session, remoteAddress: ip },
    ]) {
      seen.push((await t.app.inject(request)).statusCode);
    }
    expect(seen).toEqual([400, 200, 400, 429]);
  });

  it('gives an API key its own budget, independent of the address it comes from', async () => {
    const ip = '198.51.100.4';
    for (let i = 0; i < PER_IP; i += 1) await t.app.inject(anonymous(ip));
    expect((await t.app.inject(anonymous(ip))).statusCode).toBe(429);

    const statuses: number[] = [];
    for (let i = 0; i < PER_KEY + 1; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/account',
        headers: { authorization: `Bearer ${keyA}` },
        remoteAddress: ip,
      });
      statuses.push(response.statusCode);
      if (i === 0) expect(response.headers['x-ratelimit-limit']).toBe(String(PER_KEY));
    }
    expect(statuses).toEqual([...Array(PER_KEY).fill(200), 429]);

    // The key's requests did not spend the budget of a fresh address either.
    const fresh = await t.app.inject(anonymous('198.51.100.5'));
    expect(fresh.headers['x-ratelimit-remaining']).toBe(String(PER_IP - 1));
  });

  it('does not share a budget between two keys', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { authorization: `Bearer ${keyB}` },
      remoteAddress: '198.51.100.4',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-ratelimit-remaining']).toBe(String(PER_KEY - 1));
  });

  it('counts requests whose credentials are wrong against the address, and refuses them with 429', async () => {
    const attempts = [
      { method: 'GET' as const, url: '/api/v1/monitors', headers: { authorization: 'Bearer mcpk_wrong' } },
      { method: 'GET' as const, url: '/api/v1/monitors', headers: { cookie: 'mcpulse_session=forged' } },
      {
        method: 'GET' as const,
        url: '/api/v1/admin/organizations?email=a@example.com',
        headers: { authorization: 'Bearer guess' },
      },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const ip = `198.51.100.${20 + i}`;
      const statuses: number[] = [];
      for (let n = 0; n < PER_IP + 1; n += 1) {
        statuses.push((await t.app.inject({ ...attempt, remoteAddress: ip })).statusCode);
      }
      expect(statuses).toEqual([...Array(PER_IP).fill(401), 429]);
    }
  });

  it('counts a session request refused for its missing CSRF token against the address', async () => {
    const ip = '198.51.100.30';
    const statuses: number[] = [];
    for (let n = 0; n < PER_IP + 1; n += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/monitors',
        headers: { cookie: owner.headers.cookie ?? '' },
        remoteAddress: ip,
        payload: { name: 'x', url: 'https://example.com/mcp' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(PER_IP).fill(403), 429]);
  });

  it('does not limit health checks', async () => {
    for (let i = 0; i < PER_IP + 2; i += 1) {
      const response = await t.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '198.51.100.1' });
      expect(response.statusCode).toBe(200);
    }
  });
});

describe('request bodies', () => {
  let t: TestApp;
  const LIMIT = 1024;

  beforeAll(async () => {
    t = await createTestApp({ bodyLimitBytes: LIMIT });
  });
  afterAll(async () => t?.close());

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(LIMIT) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('accepts a body under the limit', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'small@example.com', password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(201);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@example.com", "password": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_body');
  });
});

describe('client addresses behind a proxy that appends to X-Forwarded-For', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perKey: 100, perIp: 2 }, trustProxy: 1 });
  });
  afterAll(async () => t?.close());

  it('counts the address the proxy saw, whatever the client put in front of it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `192.0.2.${i}, 203.0.113.9` },
        payload: {},
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([400, 400, 429]);
  });
});

describe('sign-in attempts', () => {
  let t: TestApp;
  const SIGN_IN = 4;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perKey: 100, perIp: 100, signInPerIp: SIGN_IN } });
  });
  afterAll(async () => t?.close());

  it('have a smaller budget of their own per address, shared by sign-up and log-in', async () => {
    const ip = '198.51.100.40';
    const attempt = (url: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        payload: { email: 'guess@example.com', password },
      });
    const statuses = [
      (await attempt('/api/v1/auth/signup', 'correct horse battery')).statusCode,
      (await attempt('/api/v1/auth/login', 'wrong password 1')).statusCode,
      (await attempt('/api/v1/auth/login', 'wrong password 2')).statusCode,
      (await attempt('/api/v1/auth/login', 'wrong password 3')).statusCode,
    ];
    expect(statuses).toEqual([201, 401, 401, 401]);
    const limited = await attempt('/api/v1/auth/login', 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Other routes from the address, and sign-in from another address, are not held back.
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip });
    expect(other.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '198.51.100.41',
          payload: { email: 'guess@example.com', password: 'correct horse battery' },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('IPv6 clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perKey: 100, perIp: 2, signInPerIp: 100 } });
  });
  afterAll(async () => t?.close());

  it('share one budget per /64, so picking a new address does not buy more', async () => {
    const statuses: number[] = [];
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:abcd::3']) {
      statuses.push(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: {} }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([400, 400, 429]);
    const neighbour = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '2001:db8:1:3::1',
      payload: {},
    });
    expect(neighbour.statusCode).toBe(400);
  });
});
