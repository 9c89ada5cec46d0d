import { ConfigError } from '@mcpulse/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/config.js';
import { REQUIRED_API_ENV } from './support/api-env.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const PER_ADDRESS = 5;
const MAX_DELAY_MS = 400;
/** Room for scrypt and a busy machine on top of the delay; the delay itself is what is bounded. */
const SLACK_MS = 4_000;
const PASSWORD = 'correct horse battery';

describe('log-in throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      rateLimit: {
        perKey: 10_000,
        perIp: 10_000,
        signInPerIp: 10_000,
        logInFailuresPerAddress: PER_ADDRESS,
        logInDelayMaxMs: MAX_DELAY_MS,
      },
    });
    for (const email of [
      'owner@example.com',
      'bystander@example.com',
      'regular@example.com',
      'spread@example.com',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress: '192.0.2.250',
        payload: { email, password: PASSWORD },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const logIn = (email: string, password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email, password },
    });

  const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  };

  it("never lets an attacker's 50 wrong guesses from one address stop the owner signing in from another", async () => {
    const attacker = '203.0.113.7';
    const guesses = Array.from({ length: 50 }, (_, i) =>
      logIn('Owner@Example.com', `wrong guess ${i}`, attacker),
    );
    // The owner signs in while the guesses are still arriving, and again once they are over.
    const during = await timed(() => logIn('owner@example.com', PASSWORD, '198.51.100.20'));
    const statuses = (await Promise.all(guesses)).map((response) => response.statusCode).sort();
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), ...Array(50 - PER_ADDRESS).fill(429)]);
    const after = await timed(() => logIn('owner@example.com', PASSWORD, '198.51.100.20'));

    for (const { result, ms } of [during, after]) {
      expect(result.statusCode, result.body).toBe(200);
      expect(result.cookies.find((cookie) => cookie.name === 'mcpulse_session')).toBeDefined();
      expect(ms).toBeLessThan(MAX_DELAY_MS + SLACK_MS);
    }
    // The account's failures slow every log-in to it down, the owner's too: by the delay, no more.
    expect(after.ms).toBeGreaterThanOrEqual(MAX_DELAY_MS - 20);
  });

  it('refuses the guessing address past its limit, right password or not, with 429 and Retry-After', async () => {
    const refused = await logIn('owner@example.com', PASSWORD, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.cookies.find((cookie) => cookie.name === 'mcpulse_session')).toBeUndefined();
  });

  it('holds back only that account from that address: another account from it signs in', async () => {
    expect((await logIn('bystander@example.com', PASSWORD, '203.0.113.7')).statusCode).toBe(200);
  });

  it('counts guesses sent all at once exactly, with no slipping past the limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: PER_ADDRESS + 5 }, (_, i) =>
        logIn('bystander@example.com', `burst ${i}`, '203.0.113.8'),
      ),
    );
    expect(burst.filter((response) => response.statusCode === 401)).toHaveLength(PER_ADDRESS);
    expect(burst.filter((response) => response.statusCode === 429)).toHaveLength(5);
  });

  it('forgets the failures of an address once it signs in', async () => {
    const ip = '198.51.100.30';
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS - 1; i += 1)
      statuses.push((await logIn('regular@example.com', `typo ${i}`, ip)).statusCode);
    statuses.push((await logIn('regular@example.com', PASSWORD, ip)).statusCode);
    for (let i = 0; i < PER_ADDRESS; i += 1)
      statuses.push((await logIn('regular@example.com', `typo again ${i}`, ip)).statusCode);
    statuses.push((await logIn('regular@example.com', PASSWORD, ip)).statusCode);
    expect(statuses).toEqual([
      ...Array(PER_ADDRESS - 1).fill(401),
      200,
      ...Array(PER_ADDRESS).fill(401),
      429,
    ]);
  });

  it('keeps the slow-down bounded however many addresses guess', async () => {
    // 16 failures: without the cap, the owner would wait 250 ms × 2^12, over 17 minutes.
    const addresses = Array.from({ length: 8 }, (_, i) => `198.18.0.${i + 1}`);
    const statuses = await Promise.all(
      addresses.flatMap((ip) =>
        Array.from({ length: 2 }, (_, i) => logIn('spread@example.com', `guess ${i}`, ip)),
      ),
    );
    expect(statuses.every((response) => response.statusCode === 401)).toBe(true);
    const owner = await timed(() => logIn('spread@example.com', PASSWORD, '198.51.100.40'));
    expect(owner.result.statusCode).toBe(200);
    expect(owner.ms).toBeLessThan(MAX_DELAY_MS + SLACK_MS);
  }, 60_000);

  it('treats an e-mail with no account exactly like one with an account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PER_ADDRESS; i += 1)
      statuses.push((await logIn('nobody@example.com', `guess ${i}`, '203.0.113.9')).statusCode);
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), 429]);
  });
});

describe('MCPULSE_LOGIN_FAILURES_PER_ADDRESS', () => {
  const required = REQUIRED_API_ENV;

  it('defaults to 10 and takes a positive integer', () => {
    expect(loadApiEnv(required).MCPULSE_LOGIN_FAILURES_PER_ADDRESS).toBe(10);
    expect(
      loadApiEnv({ ...required, MCPULSE_LOGIN_FAILURES_PER_ADDRESS: '3' }).MCPULSE_LOGIN_FAILURES_PER_ADDRESS,
    ).toBe(3);
  });

  it.each(['0', 'ten', '-1'])('stops start-up naming the variable for %j', (value) => {
    const load = () => loadApiEnv({ ...required, MCPULSE_LOGIN_FAILURES_PER_ADDRESS: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MCPULSE_LOGIN_FAILURES_PER_ADDRESS: expected a positive integer/);
  });

  it('stops start-up when the replaced per-account lock-out variable is still set, naming its replacement', () => {
    const load = () => loadApiEnv({ ...required, MCPULSE_LOGIN_ATTEMPTS_PER_ACCOUNT: '10' });
    expect(load).toThrow(/MCPULSE_LOGIN_ATTEMPTS_PER_ACCOUNT: .*MCPULSE_LOGIN_FAILURES_PER_ADDRESS/);
  });
});
