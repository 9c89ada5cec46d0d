import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisLeadership } from '../src/scheduler/redis-leadership.js';

const logger = createLogger({ name: 'leadership-test', level: 'silent' });
const clients: Redis[] = [];
function client(): Redis {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false });
  clients.push(redis);
  return redis;
}
afterAll(async () => {
  for (const redis of clients) redis.disconnect();
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

describe('scheduler leadership in Redis', () => {
  it('has one leader at a time; a standby takes over when the leader dies', async () => {
    const key = `mcpulse-test:leader:${randomBytes(4).toString('hex')}`;
    const leaderRedis = client();
    const a = redisLeadership({ redis: leaderRedis, key, ttlMs: 1_500, renewMs: 300, logger });
    await waitFor(() => a.isLeader(), 2_000);
    const b = redisLeadership({ redis: client(), key, ttlMs: 1_500, renewMs: 300, logger });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(b.isLeader()).toBe(false);

    // A crash: the leader's connection is gone and it never releases the lock.
    leaderRedis.disconnect();
    const tookMs = await waitFor(() => b.isLeader(), 3_000);
    expect(tookMs).toBeLessThan(1_500 + 300 + 500);
    await waitFor(() => !a.isLeader(), 2_000);
    await a.stop();
    await b.stop();
  });

  it('with its defaults, replaces a leader killed without a hand-over in under 5 s', async () => {
    const key = `mcpulse-test:leader:${randomBytes(4).toString('hex')}`;
    const leaderRedis = client();
    const a = redisLeadership({ redis: leaderRedis, key, logger });
    await waitFor(() => a.isLeader(), 3_000);
    const b = redisLeadership({ redis: client(), key, logger });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(b.isLeader()).toBe(false);
    leaderRedis.disconnect();
    const tookMs = await waitFor(() => b.isLeader(), 10_000);
    expect(tookMs).toBeLessThan(5_000);
    await a.stop();
    await b.stop();
  }, 20_000);

  it('hands over at once on a clean stop', async () => {
    const key = `mcpulse-test:leader:${randomBytes(4).toString('hex')}`;
    const a = redisLeadership({ redis: client(), key, ttlMs: 5_000, renewMs: 200, logger });
    await waitFor(() => a.isLeader(), 2_000);
    const b = redisLeadership({ redis: client(), key, ttlMs: 5_000, renewMs: 200, logger });
    await a.stop();
    const tookMs = await waitFor(() => b.isLeader(), 2_000);
    expect(tookMs).toBeLessThan(1_000);
    await b.stop();
  });
});
