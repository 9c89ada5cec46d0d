import { describe, expect, it } from 'vitest';
import { microBatch } from '../src/webhooks/micro-batch.js';

describe('microBatch', () => {
  it('answers concurrent calls from one run each, in order, up to the batch size', async () => {
    const runs: number[][] = [];
    const double = microBatch(
      async (items: number[]) => {
        runs.push(items);
        return items.map((item) => item * 2);
      },
      { maxItems: 3, maxWaitMs: 5 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map(double))).toEqual([2, 4, 6, 8, 10]);
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('keeps two calls for the same key out of one batch', async () => {
    const runs: string[][] = [];
    const claim = microBatch(
      async (ids: string[]) => {
        runs.push(ids);
        return ids;
      },
      { maxItems: 10, maxWaitMs: 1, keyOf: (id) => id },
    );
    await Promise.all(['a', 'b', 'a', 'c', 'a'].map(claim));
    expect(runs).toEqual([['a', 'b', 'c'], ['a'], ['a']]);
  });

  it('fails every call of a failed batch, and only those', async () => {
    let calls = 0;
    const flaky = microBatch(
      async (items: string[]) => {
        calls++;
        if (calls === 1) throw new Error('database went away');
        return items;
      },
      { maxItems: 2, maxWaitMs: 1 },
    );
    const outcomes = await Promise.allSettled(['x', 'y', 'z'].map(flaky));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });
});
