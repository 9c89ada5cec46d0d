import type { ProbeTimings } from '@mcpulse/core';
import { expect } from 'vitest';

/** The phases and the remainder add up to the total exactly, counted in hundredths of a millisecond. */
export function expectPhasesAddUp(timings: ProbeTimings): void {
  const { totalMs, ...parts } = timings;
  const cents = Object.values(parts).map((ms) => Math.round((ms ?? 0) * 100));
  for (const [name, ms] of Object.entries(parts)) {
    if (ms !== null) expect(Math.round(ms * 100), name).toBeCloseTo(ms * 100, 6);
  }
  expect(timings.otherMs).toBeGreaterThanOrEqual(0);
  expect(
    cents.reduce((sum, part) => sum + part, 0),
    JSON.stringify(timings),
  ).toBe(Math.round(totalMs * 100));
}
