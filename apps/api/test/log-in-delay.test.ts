import { describe, expect, it } from 'vitest';
import { memoryFailureCounters } from '../src/plugins/failure-counters.js';
import { LOGIN_DELAY_MAX_MS, logInDelayMs } from '../src/plugins/log-in-throttle.js';

describe('logInDelayMs', () => {
  it.each([
    [0, 0],
    [3, 0],
    [4, 250],
    [5, 500],
    [6, 1_000],
    [7, 2_000],
    [8, 3_000],
    [9, 3_000],
    [1_000_000, 3_000],
  ])('waits, after %i failures of the account, %i ms', (failures, ms) => {
    expect(logInDelayMs(failures, LOGIN_DELAY_MAX_MS)).toBe(ms);
  });

  it('never waits longer than the cap, however many failures', () => {
    for (let failures = 0; failures < 5_000; failures += 7) {
      expect(logInDelayMs(failures, 1_234)).toBeLessThanOrEqual(1_234);
    }
  });
});

describe('memoryFailureCounters', () => {
  it('reserves up to the limit, then refuses until the window that began with the first count ends', async () => {
    let now = 1_000_000;
    const counters = memoryFailureCounters(() => now);
    const results = [];
    for (let i = 0; i < 4; i += 1) {
      results.push(await counters.reserve('k', 3, 60_000));
      now += 10_000;
    }
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryInMs).toBe(30_000);
    now += 20_000;
    expect(await counters.reserve('k', 3, 60_000)).toEqual({ allowed: true, count: 1, retryInMs: 60_000 });
  });

  it('adds, reads and clears', async () => {
    const counters = memoryFailureCounters();
    expect(await counters.read('a')).toBe(0);
    await counters.add('a', 60_000);
    expect(await counters.add('a', 60_000)).toBe(2);
    expect(await counters.read('a')).toBe(2);
    await counters.clear('a');
    expect(await counters.read('a')).toBe(0);
  });
});
