import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  busyHostVerdict,
  DIRECTORY_HOST_WAIT_MS,
  type HostGate,
  memoryHostGate,
  redisHostGate,
} from '../src/index.js';

const REDIS_URL = process.env.MCPULSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

let clock = 1_000_000;
const gates: Array<[string, (spacingMs: number) => HostGate, () => Promise<void>]> = [
  ['in process', (spacingMs) => memoryHostGate(spacingMs, () => clock), async () => {}],
  [
    'in Redis',
    (spacingMs) => redisHostGate(redis, `mcpulse-test-${randomBytes(4).toString('hex')}:host:`, spacingMs),
    () => new Promise((resolve) => setTimeout(resolve, 60)),
  ],
];

describe.each(gates)('the host gate %s', (name, makeGate, pass60ms) => {
  it('gives one turn per host, and the next after the rest that follows it', async () => {
    const gate = makeGate(50);
    const first = await gate.take('a.example.com', 10_000);
    expect('release' in first).toBe(true);
    const second = await gate.take('a.example.com', 10_000);
    expect('retryAfterMs' in second).toBe(true);
    // A held turn is asked for again after the rest at the earliest (or a quarter second), not after the lease.
    if ('retryAfterMs' in second) expect(second.retryAfterMs).toBeLessThanOrEqual(250);
    expect('release' in (await gate.take('b.example.com', 10_000))).toBe(true);
    if ('release' in first) await first.release();
    const resting = await gate.take('a.example.com', 10_000);
    expect('retryAfterMs' in resting).toBe(true);
    if ('retryAfterMs' in resting) expect(resting.retryAfterMs).toBeLessThanOrEqual(50);
    clock += 60;
    await pass60ms();
    expect('release' in (await gate.take('a.example.com', 10_000))).toBe(true);
  });

  it(`frees a host whose holder never releases it once the lease is over (${name})`, async () => {
    const gate = makeGate(0);
    const lost = await gate.take('c.example.com', 40);
    expect('release' in lost).toBe(true);
    expect('retryAfterMs' in (await gate.take('c.example.com', 40))).toBe(true);
    clock += 60;
    await pass60ms();
    const after = await gate.take('c.example.com', 40);
    expect('release' in after).toBe(true);
    // A late release of the lost turn does not end the new holder's.
    if ('release' in lost) await lost.release();
    expect('retryAfterMs' in (await gate.take('c.example.com', 40))).toBe(true);
  });
});

describe('a directory check whose host is busy', () => {
  const slot = new Date(2_000_000).toISOString();
  it('comes back when the host may be free, while it is within the wait it may have', () => {
    const verdict = busyHostVerdict({ slot, intervalSeconds: 300 }, 1_500, 2_000_000 + 10_000, () => 0.5);
    expect(verdict).toEqual({ deferMs: 1_600 });
  });
  it('is skipped, saying why, when its turn would come past that wait', () => {
    const verdict = busyHostVerdict(
      { slot, intervalSeconds: 300 },
      2_000,
      2_000_000 + DIRECTORY_HOST_WAIT_MS - 1_000,
      () => 0,
    );
    expect(verdict).toMatchObject({ skip: expect.stringContaining('its host was busy') });
  });
  it('never waits past its interval', () => {
    expect(busyHostVerdict({ slot, intervalSeconds: 30 }, 2_000, 2_000_000 + 29_000, () => 0)).toHaveProperty(
      'skip',
    );
    expect(busyHostVerdict({ slot, intervalSeconds: 30 }, 2_000, 2_000_000 + 20_000, () => 0)).toEqual({
      deferMs: 2_000,
    });
  });
});
