import type { ObservedResult, RegionState } from './monitor-machine-types.js';

export function emptyRegionState(region: string): RegionState {
  return {
    region,
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    consecutiveSlow: 0,
    lastSlot: null,
    lastStatus: null,
    lastErrorCode: null,
    lastTotalMs: null,
  };
}

/**
 * A queue redelivers and regions race, so the same slot can arrive twice or
 * an old one after a newer: counting either would fake a streak. An
 * unparsable slot is never newer, so it cannot corrupt a region either.
 */
export function isNewerSlot(region: RegionState, slot: string): boolean {
  const at = Date.parse(slot);
  if (Number.isNaN(at)) return false;
  return region.lastSlot === null || at > Date.parse(region.lastSlot);
}

/**
 * A degraded result is a success that was slow: it keeps the success streak
 * (the server answered correctly) while it builds the slow streak.
 */
export function recordRegionResult(region: RegionState, result: ObservedResult): RegionState {
  const last = {
    lastSlot: result.slot,
    lastStatus: result.status,
    lastErrorCode: result.errorCode,
    lastTotalMs: result.totalMs,
  };
  switch (result.status) {
    case 'down':
      return {
        ...region,
        ...last,
        consecutiveFailures: region.consecutiveFailures + 1,
        consecutiveSuccesses: 0,
        consecutiveSlow: 0,
      };
    case 'up':
      return {
        ...region,
        ...last,
        consecutiveFailures: 0,
        consecutiveSuccesses: region.consecutiveSuccesses + 1,
        consecutiveSlow: Math.min(region.consecutiveSlow, 0) - 1,
      };
    case 'degraded':
      return {
        ...region,
        ...last,
        consecutiveFailures: 0,
        consecutiveSuccesses: region.consecutiveSuccesses + 1,
        consecutiveSlow: Math.max(region.consecutiveSlow, 0) + 1,
      };
  }
}

export function confirmsDown(region: RegionState, confirmations: number): boolean {
  return region.consecutiveFailures >= confirmations;
}

export function confirmsDegraded(region: RegionState, confirmations: number): boolean {
  return region.consecutiveSlow >= confirmations;
}

/**
 * Up needs N consecutive fast results, whether the region comes back from
 * down or from degraded, so a latency that hovers around the threshold does
 * not flap. `consecutiveSlow` is a signed run length: positive counts the
 * current run of slow results, negative the current run of fast ones.
 */
export function confirmsUp(region: RegionState, confirmations: number): boolean {
  return region.consecutiveSlow <= -confirmations;
}

/**
 * The latest result of a region whose result arrived in an earlier batch:
 * only its summary survives in the region state, and the full row stays
 * findable in the results table by region and slot.
 */
export function summarizedResult(region: RegionState): ObservedResult | null {
  if (region.lastSlot === null || region.lastStatus === null) return null;
  return {
    region: region.region,
    slot: region.lastSlot,
    checkedAt: region.lastSlot,
    status: region.lastStatus,
    errorCode: region.lastErrorCode,
    errorMessage: null,
    schemaHash: null,
    totalMs: region.lastTotalMs ?? 0,
  };
}
