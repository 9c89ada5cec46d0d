import { randomBytes } from 'node:crypto';
import { createRedisClient } from '@mcpulse/queue';
import { type RedisInstance, startRedisInstance } from '@mcpulse/testkit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

const PER_ADDRESS = 3;
const MAX_DELAY_MS = 300;
const PASSWORD = 'correct horse battery';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Two API replicas on one database whose log-in failure counters live in one Redis (a private one). */
describe('log-in failures shared by API replicas through Redis', () => {
  let redis: RedisInstance;
  const clients: Redis[] = [];
  let a: TestApp;
  let b: TestApp;
  const keyPrefix = `mcpulse-test-${randomBytes(4).toString('hex')}:rate-limit:`;

  beforeAll(async () => {
    redis = await startRedisInstance();
    const replica = async (name: string, over?: TestApp) => {
      const client = createRedisClient(redis.url, 'producer', `api-${name}`, () => {});
      clients.push(client);
      await until(async () => client.status === 'ready', 5_000);
      return createTestApp({
        ...(over ? { db: over.options.db } : {}),
        rateLimit: {
          perKey: 10_000,
          perIp: 10_000,
          signInPerIp: 10_000,
          logInFailuresPerAddress: PER_ADDRESS,
          logInDelayMaxMs: MAX_DELAY_MS,
          redis: { client, keyPrefix },
        },
      });
    };
    a = await replica('a');
    b = await replica('b', a);
    const signUp = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'shared@example.com', password: PASSWORD },
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  const logIn = (replica: TestApp, password: string, ip: string) =>
    replica.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: 'shared@example.com', password },
    });

  it('counts an address’s failures on one replica against it on the other', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    for (const [i, replica] of [a, b, a, b, a].entries())
      statuses.push((await logIn(replica, `wrong ${i}`, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('slows the owner on the other replica by the account’s failures, and lets them in', async () => {
    // Four failures in all by now (three above, one here): past the first three, log-ins wait.
    expect((await logIn(a, 'wrong again', '203.0.113.51')).statusCode).toBe(401);
    const started = performance.now();
    const owner = await logIn(b, PASSWORD, '198.51.100.50');
    const ms = performance.now() - started;
    expect(owner.statusCode).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(240);
  });

  it('forgets a pair’s failures on every replica once it signs in on one', async () => {
    const ip = '203.0.113.52';
    expect((await logIn(a, 'wrong 1', ip)).statusCode).toBe(401);
    expect((await logIn(b, 'wrong 2', ip)).statusCode).toBe(401);
    expect((await logIn(a, PASSWORD, ip)).statusCode).toBe(200);
    const after = [];
    for (const replica of [b, b, b, a]) after.push((await logIn(replica, 'wrong', ip)).statusCode);
    expect(after).toEqual([401, 401, 401, 429]);
  });

  it('keeps the counters in Redis under the rate-limit prefix, without the e-mail in clear', async () => {
    const keys = await clients[0]!.keys(`${keyPrefix}login-failures:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes(':pair:') && key.endsWith(':203.0.113.50'))).toBe(true);
    expect(keys.some((key) => key.includes(':account:'))).toBe(true);
    expect(keys.join(' ')).not.toContain('example.com');
    for (const key of keys) expect(await clients[0]!.pttl(key)).toBeGreaterThan(0);
  });
});
