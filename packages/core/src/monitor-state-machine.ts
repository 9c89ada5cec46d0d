/**
 * The monitor state machine: pending → up | degraded | down, confirmed by N
 * consecutive results in a quorum of regions, plus the server's schema drift,
 * protocol changes and releases (server-change-tracker.ts). Pure: the
 * clock, the results and the settings all come in as arguments, so ingest can
 * replay a batch and get the same state and the same effects.
 */
import type {
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  ObservedResult,
  RegionState,
} from './monitor-machine-types.js';
import { rechecksAfter } from './monitor-rechecks.js';
import {
  emptyRegionState,
  isNewerSlot,
  isSilent,
  recordRegionResult,
  summarizedResult,
} from './monitor-region-state.js';
import { changeBegan, confirmedStatus, transition } from './monitor-transition.js';
import { emptyServerTracking, trackServerChanges } from './server-change-tracker.js';

export { silentAfterMs } from './domain/monitor-values.js';

export const DEFAULT_CONFIRMATIONS = 2;

export function initialMachineState(at: string): MonitorMachineState {
  return {
    status: 'pending',
    since: at,
    schemaHash: null,
    candidateSchemaHash: null,
    candidateSeen: 0,
    ...emptyServerTracking(),
    openIncident: null,
    regions: {},
  };
}

/**
 * Regions that must agree. Clamped to the regions there are, because a quorum
 * larger than the region list could never be met and the monitor would never
 * alert; and to at least one, because zero would let no region decide.
 */
export function effectiveQuorum(settings: Pick<MachineSettings, 'regions' | 'regionQuorum'>): number {
  const count = new Set(settings.regions).size;
  const wanted = settings.regionQuorum ?? Math.ceil(count / 2);
  return Math.max(1, Math.min(wanted, count));
}

/**
 * Slot order, not arrival order, is the order results happened in. Ties
 * (regions probing the same slot) break by region name so that a batch gives
 * the same outcome whatever order the queue delivered it in.
 */
function inSlotOrder(results: readonly ObservedResult[]): ObservedResult[] {
  // An unparsable slot would make the comparison inconsistent and scramble valid results around it.
  return results
    .filter((result) => !Number.isNaN(Date.parse(result.slot)))
    .sort(
      (a, b) =>
        Date.parse(a.slot) - Date.parse(b.slot) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0),
    );
}

/**
 * Applies a batch of results to a monitor and returns the new state and what
 * ingest must persist: transitions (with incidents), drifts, protocol changes
 * and releases. A paused
 * monitor changes nothing, so resuming it starts from its counters as they
 * were rather than from results nobody was watching. Results from regions the
 * monitor no longer probes are ignored, and their region state is dropped so
 * a region added back later starts afresh.
 */
export function applyResults(
  state: MonitorMachineState,
  results: ObservedResult[],
  settings: MachineSettings,
): { state: MonitorMachineState; effects: MachineEffect[] } {
  if (settings.paused) return { state, effects: [] };
  const confirmations = Math.max(1, settings.confirmations);
  const quorum = effectiveQuorum(settings);
  // A Map, not the record, so a region named like an Object member cannot alias a prototype property.
  const regions = new Map<string, RegionState>(
    settings.regions.map((name) => [
      name,
      Object.hasOwn(state.regions, name) ? state.regions[name]! : emptyRegionState(name),
    ]),
  );
  /** The regions that report, judged at the time of `result`: a silent one neither confirms nor blocks. */
  const reporting = (result: ObservedResult): RegionState[] =>
    [...regions.values()].filter(
      (region) => !isSilent(region, Date.parse(result.slot), settings.watchedSince, settings.silentAfterMs),
    );

  let next: MonitorMachineState = state;
  const effects: MachineEffect[] = [];
  const latestInBatch = new Map<string, ObservedResult>();
  const rechecks = new Set<string>();

  for (const result of inSlotOrder(results)) {
    const region = regions.get(result.region);
    if (region === undefined || !isNewerSlot(region, result.slot)) continue;
    // A region back from silence starts a new run: what it saw before says nothing about now.
    const silent = isSilent(region, Date.parse(result.slot), settings.watchedSince, settings.silentAfterMs);
    const recorded = recordRegionResult(silent ? emptyRegionState(region.region) : region, result);
    regions.set(result.region, recorded);
    latestInBatch.set(result.region, result);

    const live = reporting(result);
    const liveQuorum = Math.min(quorum, live.length);
    const confirmation = confirmedStatus(live, confirmations, liveQuorum);
    if (confirmation !== null && confirmation.status !== next.status) {
      const confirming = confirmation.regions.flatMap((name) => {
        const latest = latestInBatch.get(name) ?? summarizedResult(regions.get(name)!);
        return latest === null ? [] : [latest];
      });
      const began = changeBegan(
        next,
        confirmation.regions.map((name) => regions.get(name)!),
        liveQuorum,
        result,
        recorded,
      );
      const outcome = transition(next, confirmation, result, confirming, began);
      next = { ...next, status: outcome.status, since: outcome.since, openIncident: outcome.openIncident };
      if (outcome.effect !== null) effects.push(outcome.effect);
    }

    if (settings.recheckDelayMs !== null) {
      const others = live.filter((other) => other.region !== result.region);
      for (const recheck of rechecksAfter(
        next.status,
        recorded,
        result,
        others,
        confirmations,
        settings.recheckDelayMs,
      )) {
        if (rechecks.has(recheck.dedupeKey)) continue;
        rechecks.add(recheck.dedupeKey);
        effects.push(recheck);
      }
    }

    const server = trackServerChanges(next, result);
    next = server.state;
    effects.push(...server.effects);
  }
  return { state: { ...next, regions: Object.fromEntries(regions) }, effects };
}
