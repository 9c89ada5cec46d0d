import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  memoryOrganizationGate,
  type OrganizationGate,
  redisOrganizationGate,
  SUBSCRIBER_WAIT,
  subscriberShare,
  subscriberWaitMs,
} from '../src/index.js';

const REDIS_URL = process.env.MCPULSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

let clock = 1_000_000;
const gates: Array<[string, (perOrganization: number) => OrganizationGate, () => Promise<void>]> = [
  ['in process', (n) => memoryOrganizationGate(n, () => clock), async () => {}],
  [
    'in Redis',
    (n) => redisOrganizationGate(redis, `mcpulse-test-${randomBytes(4).toString('hex')}:subscriber-gate:`, n),
    () => new Promise((resolve) => setTimeout(resolve, 60)),
  ],
];

describe.each(gates)('the subscribers’ organisation gate %s', (_name, makeGate, pass60ms) => {
  it('gives each organisation its share of places, and a place back once released', async () => {
    const gate = makeGate(2);
    const a = randomUUID();
    const first = await gate.take(a, 10_000);
    const second = await gate.take(a, 10_000);
    expect([first, second].every((place) => place !== null)).toBe(true);
    expect(await gate.take(a, 10_000)).toBeNull();
    // Another organisation is not counted against the first.
    expect(await gate.take(randomUUID(), 10_000)).not.toBeNull();
    await first!.release();
    expect(await gate.take(a, 10_000)).not.toBeNull();
    expect(await gate.take(a, 10_000)).toBeNull();
  });

  it('frees a place never released once its lease is over', async () => {
    const gate = makeGate(1);
    const a = randomUUID();
    expect(await gate.take(a, 40)).not.toBeNull();
    expect(await gate.take(a, 40)).toBeNull();
    clock += 60;
    await pass60ms();
    expect(await gate.take(a, 40)).not.toBeNull();
  });
});

describe('an attempt put back for its organisation', () => {
  it('waits longer each time it is put back, up to the longest wait, half of it random', () => {
    expect(subscriberWaitMs(0, () => 0)).toBe(SUBSCRIBER_WAIT.firstMs / 2);
    expect(subscriberWaitMs(0, () => 0.999_999)).toBeLessThanOrEqual(SUBSCRIBER_WAIT.firstMs);
    expect(subscriberWaitMs(3, () => 0)).toBe(SUBSCRIBER_WAIT.firstMs * 4);
    expect(subscriberWaitMs(50, () => 0.999_999)).toBeLessThanOrEqual(SUBSCRIBER_WAIT.longestMs);
  });
});

describe('the subscribers’ budget', () => {
  it('lets one organisation have a quarter of it in flight, at least one attempt', () => {
    expect([subscriberShare(20), subscriberShare(8), subscriberShare(3)]).toEqual([5, 2, 1]);
  });
});
