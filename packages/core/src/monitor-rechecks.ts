import type {
  MonitorStatus,
  ObservedResult,
  RecheckEffect,
  RegionState,
  RunKind,
} from './monitor-machine-types.js';
import { currentRunKind, runKindOf, runLength } from './monitor-region-state.js';

const STATUS_OF_RUN: Record<RunKind, MonitorStatus> = { failing: 'down', slow: 'degraded', fast: 'up' };

function recheck(region: string, atMs: number): RecheckEffect {
  const at = new Date(atMs).toISOString();
  return { type: 'recheck', region, at, dedupeKey: `recheck:${region}:${at}` };
}

/**
 * The checks to run now that `result` (already recorded in `region`) has
 * been applied. A result that agrees with the monitor's status needs none. One
 * that would change it is confirmed the way a person would: its region checks
 * again after `delayMs` until its run is long enough to confirm, and the first
 * region to see the change has every other reporting region check at once, so
 * a quorum can form within seconds instead of over several intervals.
 */
export function rechecksAfter(
  status: MonitorStatus,
  region: RegionState,
  result: ObservedResult,
  others: readonly RegionState[],
  confirmations: number,
  delayMs: number,
): RecheckEffect[] {
  const kind = runKindOf(result.status);
  if (STATUS_OF_RUN[kind] === status) return [];
  const checkedAt = Date.parse(result.checkedAt);
  if (Number.isNaN(checkedAt)) return [];
  const effects: RecheckEffect[] = [];
  if (runLength(region) < confirmations) effects.push(recheck(region.region, checkedAt + delayMs));
  const first = runLength(region) === 1 && others.every((other) => currentRunKind(other) !== kind);
  if (first) for (const other of others) effects.push(recheck(other.region, checkedAt));
  return effects;
}
