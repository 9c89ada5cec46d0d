import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KEEP_FAILED } from '../src/bullmq/bullmq-job-options.js';
import { createBullmqBackend, type QueueBackend } from '../src/index.js';
import { deleteKeys, env, silentLogger } from './support/test-backends.js';
import { waitFor } from './support/wait.js';

const PREFIX = `mcpulse-test:queue:${randomBytes(6).toString('hex')}`;
const check = z.object({ slot: z.number().int() });

async function keysUnder(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

describe('BullMQ backend, what it keeps in Redis', () => {
  const redis = new Redis(env.MCPULSE_TEST_REDIS_URL);
  const backends: QueueBackend[] = [];
  const open = (prefix: string) => {
    const backend = createBullmqBackend({
      redisUrl: env.MCPULSE_TEST_REDIS_URL,
      prefix,
      logger: silentLogger,
    });
    backends.push(backend);
    return backend;
  };
  afterEach(async () => {
    for (const backend of backends.splice(0)) await backend.close();
  });
  afterAll(async () => {
    await deleteKeys(`${PREFIX}:*`);
    redis.disconnect();
  });

  it('keeps no completed job: an id with a window leaves only an expiring key, one without leaves nothing', async () => {
    const prefix = `${PREFIX}:completed`;
    const backend = open(prefix);
    const windowed = backend.producer('probe-eu', check, { dedupeWindowMs: 60_000 });
    const forgetful = backend.producer('results', check, { dedupeWindowMs: 0 });
    await windowed.addBulk(
      Array.from({ length: 20 }, (_, slot) => ({ data: { slot }, options: { jobId: `m:${slot}` } })),
    );
    await forgetful.addBulk(
      Array.from({ length: 20 }, (_, slot) => ({ data: { slot }, options: { jobId: `m:${slot}` } })),
    );
    let done = 0;
    backend.consume('probe-eu', check, async () => void done++, { concurrency: 5 });
    backend.consume('results', check, async () => void done++, { concurrency: 5 });
    await waitFor(() => done === 40);
    await waitFor(
      async () => (await backend.depth('probe-eu')).active + (await backend.depth('results')).active === 0,
    );

    const jobHashes = (await keysUnder(redis, `${prefix}:*`)).filter(
      (key) => /:~m%3A\d+$/.test(key) && !key.includes(':de:'),
    );
    expect(jobHashes).toEqual([]);
    const dedupeKeys = await keysUnder(redis, `${prefix}:*:de:*`);
    expect(dedupeKeys).toHaveLength(20);
    expect(dedupeKeys.every((key) => key.includes(':probe-eu:de:'))).toBe(true);
    for (const key of dedupeKeys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('shares beats between every backend on one prefix, and no further', async () => {
    const worker = open(`${PREFIX}:beats`);
    const reader = open(`${PREFIX}:beats`);
    const other = open(`${PREFIX}:beats-elsewhere`);
    await worker.beat('probe-eu-west');
    const seen = await reader.beats();
    expect([...seen.keys()]).toEqual(['probe-eu-west']);
    expect(Date.now() - seen.get('probe-eu-west')!.getTime()).toBeLessThan(5_000);
    expect(await other.beats()).toEqual(new Map());
  });

  it('keeps failed jobs to debug them, up to a bound', async () => {
    const prefix = `${PREFIX}:failed`;
    const backend = open(prefix);
    await backend.producer('results', check).add({ slot: 1 }, { jobId: 'broken' });
    let tried = false;
    backend.consume(
      'results',
      check,
      async () => {
        tried = true;
        throw new Error('rows rejected');
      },
      { concurrency: 1 },
    );
    await waitFor(() => tried);
    const failedKey = `${prefix}:results:failed`;
    await waitFor(async () => (await redis.zcard(failedKey)) === 1);
    const stored = await redis.hgetall(`${prefix}:results:~broken`);
    expect(stored.failedReason).toContain('rows rejected');
    expect(JSON.parse(stored.opts ?? '{}')).toMatchObject({ removeOnFail: KEEP_FAILED });
    expect(KEEP_FAILED.count).toBeLessThanOrEqual(1_000);
  });
});
