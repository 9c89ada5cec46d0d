import { describe, expect, it } from 'vitest';
import {
  nextWebhookAttemptAt,
  WEBHOOK_RETRY_POLICY,
  webhookRetryCeilingMs,
  webhookRetryDelayMs,
} from './webhook-backoff.js';

const HOUR_MS = 3_600_000;
const created = new Date('2026-11-26T10:00:00Z');

/** Attempt times from creation until the policy gives up, with a fixed random. */
function schedule(random: () => number): number[] {
  const times = [created.getTime()];
  for (let failures = 1; failures < 1000; failures++) {
    const now = new Date(times[times.length - 1]!);
    const next = nextWebhookAttemptAt({ failures, createdAt: created, now, random });
    if (next === null) return times;
    times.push(next.getTime());
  }
  throw new Error('the schedule never ended');
}

describe('webhook retry backoff', () => {
  it('doubles the ceiling from 10 s and caps it at 3 h', () => {
    expect([1, 2, 3, 4, 5].map(webhookRetryCeilingMs)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(webhookRetryCeilingMs(11)).toBe(10_240_000);
    expect(webhookRetryCeilingMs(12)).toBe(3 * HOUR_MS);
    expect(webhookRetryCeilingMs(500)).toBe(3 * HOUR_MS);
  });

  it('jitters over the whole range, never below one second', () => {
    expect(webhookRetryDelayMs(3, () => 0)).toBe(1_000);
    expect(webhookRetryDelayMs(3, () => 0.5)).toBe(20_000);
    expect(webhookRetryDelayMs(3, () => 0.999_999)).toBe(39_999);
    expect(webhookRetryDelayMs(20, () => 0.5)).toBe(1.5 * HOUR_MS);
  });

  it('keeps retrying for about 24 h whatever the jitter, ending with an attempt at the deadline', () => {
    for (const random of [() => 0.999_999, () => 0.5, () => 0.1]) {
      const times = schedule(random);
      const last = times[times.length - 1]!;
      expect(last - created.getTime()).toBe(WEBHOOK_RETRY_POLICY.retryWindowMs);
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    }
    // At the ceilings: the first attempt, ten doubling waits (2.8 h), seven of 3 h, one to the deadline.
    expect(schedule(() => 0.999_999)).toHaveLength(19);
  });

  it('gives up once the window is over', () => {
    const late = new Date(created.getTime() + 24 * HOUR_MS);
    expect(
      nextWebhookAttemptAt({ failures: 30, createdAt: created, now: late, random: () => 0.5 }),
    ).toBeNull();
    const almost = new Date(late.getTime() - 5_000);
    expect(
      nextWebhookAttemptAt({ failures: 30, createdAt: created, now: almost, random: () => 0.5 }),
    ).toEqual(late);
  });
});
