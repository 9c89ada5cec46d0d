import { randomBytes } from 'node:crypto';
import { createRedisClient } from '@mcpulse/queue';
import { type RedisInstance, startRedisInstance } from '@mcpulse/testkit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

const PER_IP = 3;

/** A public route that does no work of its own: an empty log-in is refused by its schema. */
const anonymous = (ip: string) => ({
  method: 'POST' as const,
  url: '/api/v1/auth/login',
  remoteAddress: ip,
  payload: {},
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Two API replicas whose limits count in one Redis (a private one: this file stops it). */
describe('rate limits shared by API replicas through Redis', () => {
  let redis: RedisInstance;
  const clients: Redis[] = [];
  const replicas: TestApp[] = [];
  const keyPrefix = `mcpulse-test-${randomBytes(4).toString('hex')}:rate-limit:`;

  beforeAll(async () => {
    redis = await startRedisInstance();
    for (const name of ['a', 'b']) {
      const client = createRedisClient(redis.url, 'producer', `api-${name}`, () => {});
      clients.push(client);
      await until(async () => client.status === 'ready', 5_000);
      replicas.push(
        await createTestApp({ rateLimit: { perKey: 100, perIp: PER_IP, redis: { client, keyPrefix } } }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('spends one budget per address whichever replica answers', async () => {
    const [a, b] = replicas as [TestApp, TestApp];
    const ip = '198.51.100.10';
    const statuses = [];
    for (const replica of [a, b, a, b]) statuses.push((await replica.app.inject(anonymous(ip))).statusCode);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const limited = await a.app.inject(anonymous(ip));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps the counters in Redis under the configured prefix', async () => {
    const keys = await clients[0]!.keys(`${keyPrefix}*`);
    expect(keys).toContain(`${keyPrefix}ip:198.51.100.10`);
  });

  it('serves requests while Redis is away, and limits again once it is back', async () => {
    const [a] = replicas as [TestApp];
    await redis.stop();
    await until(async () => clients[0]!.status !== 'ready', 5_000);
    const ip = '198.51.100.11';
    for (let i = 0; i < PER_IP + 2; i += 1) {
      expect((await a.app.inject(anonymous(ip))).statusCode).toBe(400);
    }

    await redis.restart(0);
    await until(async () => clients[0]!.status === 'ready', 10_000);
    const statuses = [];
    for (let i = 0; i < PER_IP + 1; i += 1) statuses.push((await a.app.inject(anonymous(ip))).statusCode);
    // Redis came back empty (it keeps nothing on disk): the budget starts again.
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});
