import type { ProbeStatus } from './domain/probe-values.js';
import type { ObservedResult, RegionState, RunKind } from './monitor-machine-types.js';

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
    runStartedAt: null,
  };
}

export function runKindOf(status: ProbeStatus): RunKind {
  return status === 'down' ? 'failing' : status === 'degraded' ? 'slow' : 'fast';
}

/** The kind of the region's current run, or null before its first result. */
export function currentRunKind(region: RegionState): RunKind | null {
  return region.lastStatus === null ? null : runKindOf(region.lastStatus);
}

/** How many results the region's current run holds. */
export function runLength(region: RegionState): number {
  switch (currentRunKind(region)) {
    case 'failing':
      return region.consecutiveFailures;
    case 'slow':
      return region.consecutiveSlow;
    case 'fast':
      return -region.consecutiveSlow;
    case null:
      return 0;
  }
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
  const sameRun = currentRunKind(region) === runKindOf(result.status);
  const last = {
    lastSlot: result.slot,
    lastStatus: result.status,
    lastErrorCode: result.errorCode,
    lastTotalMs: result.totalMs,
    runStartedAt: sameRun ? (region.runStartedAt ?? result.checkedAt) : result.checkedAt,
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

/**
 * The state of a region that has seen one check: the check a person ran
 * before saving the monitor ("test connection", or creating with a first
 * check). It counts as the first of the confirmations in every region, so the
 * first scheduled check that agrees confirms the monitor's status. No slot is
 * recorded: every scheduled slot is newer.
 */
export function regionStateAfterFirstCheck(
  region: string,
  check: { status: ProbeStatus; checkedAt: string; errorCode: string | null; totalMs: number },
): RegionState {
  const recorded = recordRegionResult(emptyRegionState(region), {
    region,
    slot: check.checkedAt,
    checkedAt: check.checkedAt,
    status: check.status,
    errorCode: check.errorCode,
    errorMessage: null,
    schemaHash: null,
    totalMs: check.totalMs,
  });
  return { ...recorded, lastSlot: null };
}

/**
 * Silent: the region's newest result is more than `silentAfterMs` older than
 * `at`; a region that never reported counts from `watchedSince`.
 */
export function isSilent(
  region: RegionState,
  at: number,
  watchedSince: string,
  silentAfterMs: number,
): boolean {
  const newest = Date.parse(region.lastSlot ?? watchedSince);
  return Number.isNaN(newest) || at - newest > silentAfterMs;
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
 * only its summary survives in the region state, so it is marked `summarized`
 * and the caller reads the full row (by region and slot) before reporting it.
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
    summarized: true,
  };
}
