import { percentile } from '../../probe/hanging/percentile.js';

export interface CallTimings {
  repetitions: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

export function summarize(samples: readonly number[]): CallTimings {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    repetitions: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    meanMs: sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length),
  };
}

/**
 * Calls `call` `warmup` times unmeasured, then `repetitions` times one after
 * another, timing each. Measured calls get 0…repetitions-1 and warm-up calls
 * the numbers after, so a call that picks its input by number warms up on others.
 */
export async function timeCalls(
  warmup: number,
  repetitions: number,
  call: (i: number) => Promise<unknown>,
): Promise<CallTimings> {
  for (let i = 0; i < warmup; i++) await call(repetitions + i);
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}
