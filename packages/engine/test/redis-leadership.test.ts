import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
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

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ name: 'leadership-test', level: 'info', destination }), lines };
}

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

  it('says which instance leads and since when, and logs each hand-over with the instance and the time', async () => {
    const key = `mcpulse-test:leader:${randomBytes(4).toString('hex')}`;
    const first = capturedLogger();
    const second = capturedLogger();
    const leaderRedis = client();
    const before = Date.now();
    const a = redisLeadership({ redis: leaderRedis, key, ttlMs: 1_500, renewMs: 300, logger: first.logger });
    await waitFor(() => a.isLeader(), 2_000);
    const b = redisLeadership({ redis: client(), key, ttlMs: 1_500, renewMs: 300, logger: second.logger });
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(a.instanceId).not.toBe(b.instanceId);
    expect(await leaderRedis.get(key)).toBe(a.instanceId);
    const aSince = a.leaderSince();
    expect(aSince?.getTime()).toBeGreaterThanOrEqual(before);
    expect(aSince?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(b.leaderSince()).toBeNull();
    expect(first.lines.find((line) => line.msg === 'scheduler leadership acquired')).toMatchObject({
      instanceId: a.instanceId,
      leaderSince: aSince?.toISOString(),
    });
    expect(second.lines.some((line) => line.msg === 'scheduler leadership acquired')).toBe(false);

    // The leader is cut off from Redis: its lease runs out, the standby takes over.
    leaderRedis.disconnect();
    await waitFor(() => b.isLeader(), 3_000);
    const bSince = b.leaderSince();
    expect(bSince?.getTime()).toBeGreaterThan(aSince?.getTime() ?? 0);
    expect(second.lines.find((line) => line.msg === 'scheduler leadership acquired')).toMatchObject({
      instanceId: b.instanceId,
      leaderSince: bSince?.toISOString(),
    });
    expect(a.leaderSince()).toBeNull();
    await waitFor(() => first.lines.some((line) => line.msg === 'scheduler leadership lost'), 2_000);
    const lost = first.lines.find((line) => line.msg === 'scheduler leadership lost');
    expect(lost).toMatchObject({ instanceId: a.instanceId, leaderSince: aSince?.toISOString() });
    expect(Date.parse(String(lost?.lostAt))).toBeGreaterThan(aSince?.getTime() ?? 0);

    await b.stop();
    expect(b.leaderSince()).toBeNull();
    expect(second.lines.find((line) => line.msg === 'scheduler leadership released')).toMatchObject({
      instanceId: b.instanceId,
      leaderSince: bSince?.toISOString(),
    });
    await a.stop();
  });
});
