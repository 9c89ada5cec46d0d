import type {
  IncidentKind,
  MonitorMachineState,
  MonitorStatus,
  ObservedResult,
  OpenIncident,
  RegionState,
  TransitionEffect,
  TransitionEvent,
} from './monitor-machine-types.js';
import { confirmsDegraded, confirmsDown, confirmsUp } from './monitor-region-state.js';

export type ConfirmedStatus = Exclude<MonitorStatus, 'pending'>;

export interface Confirmation {
  status: ConfirmedStatus;
  /** The regions that confirm it, in settings order. */
  regions: string[];
}

/**
 * The status a quorum of regions agrees on, or null when none has a quorum
 * and the monitor keeps what it has: that gap is the hysteresis that stops a
 * monitor from flapping while its regions disagree. Down is checked first
 * because an outage must never be reported as mere slowness.
 */
export function confirmedStatus(
  regions: readonly RegionState[],
  confirmations: number,
  quorum: number,
): Confirmation | null {
  const checks: [ConfirmedStatus, (region: RegionState, n: number) => boolean][] = [
    ['down', confirmsDown],
    ['degraded', confirmsDegraded],
    ['up', confirmsUp],
  ];
  for (const [status, confirms] of checks) {
    const agreeing = regions.filter((region) => confirms(region, confirmations)).map((r) => r.region);
    if (agreeing.length >= quorum) return { status, regions: agreeing };
  }
  return null;
}

const EVENTS: Record<ConfirmedStatus, TransitionEvent> = {
  down: 'monitor.down',
  degraded: 'monitor.degraded',
  up: 'monitor.up',
};

export interface TransitionOutcome {
  status: MonitorStatus;
  since: string;
  openIncident: OpenIncident | null;
  /** Null for pending → up: a monitor that starts healthy has not recovered from anything. */
  effect: TransitionEffect | null;
}

/**
 * When the confirmed change began: when a quorum of the confirming regions
 * had started the run that confirmed it (with one region, its first result
 * of the run), and not before the run of the region whose result made the
 * change (a region that broke the old quorum without being one of the new
 * one, as when one region's outage ends under a quorum of one). Never before
 * the confirmed status it replaces began, never after the result that
 * confirmed it.
 */
export function changeBegan(
  state: MonitorMachineState,
  confirming: readonly RegionState[],
  quorum: number,
  trigger: ObservedResult,
  triggerRegion: RegionState,
): string {
  const startOf = (region: RegionState) => Date.parse(region.runStartedAt ?? trigger.checkedAt);
  const starts = confirming
    .map(startOf)
    .filter((at) => !Number.isNaN(at))
    .sort((a, b) => a - b);
  const quorumReached = starts[Math.min(quorum, starts.length) - 1] ?? Date.parse(trigger.checkedAt);
  const triggered = startOf(triggerRegion);
  const reached = Number.isNaN(triggered) ? quorumReached : Math.max(quorumReached, triggered);
  // A pending monitor has no status to replace: its `since` is only when it was created.
  const floor = state.status === 'pending' ? Number.NaN : Date.parse(state.since);
  const ceiling = Math.max(Date.parse(trigger.checkedAt), Date.parse(trigger.slot));
  return new Date(Math.min(Math.max(reached, Number.isNaN(floor) ? reached : floor), ceiling)).toISOString();
}

/**
 * Moves the monitor to a newly confirmed status. Every move into down or
 * degraded opens an incident of that kind (closing any other, so down →
 * degraded is two incidents with two durations), and a move to up closes it.
 * A pending monitor that is confirmed down or degraded does alert: a monitor
 * created against a broken server must not stay silent.
 *
 * Incidents and the new status start at `began` (see changeBegan): an outage
 * begins at the first failed check of the run that confirmed it and ends at
 * the first good check of the recovery, not when the confirmation completed.
 * `at` is the slot of the result that completed the confirmation, so a
 * retried or raced ingest of the same results derives the same dedupeKey.
 */
export function transition(
  state: MonitorMachineState,
  confirmation: Confirmation,
  trigger: ObservedResult,
  results: ObservedResult[],
  began: string,
): TransitionOutcome {
  const to = confirmation.status;
  const at = trigger.slot;
  if (state.status === 'pending' && to === 'up') {
    return { status: to, since: began, openIncident: null, effect: null };
  }
  const event = EVENTS[to];
  const dedupeKey = `${event}:${at}`;
  const closing = state.openIncident;
  const opening: IncidentKind | null = to === 'up' ? null : to;
  const cause =
    to === 'up' ? null : confirmation.regions.includes(trigger.region) ? trigger : latest(results);
  const effect: TransitionEffect = {
    type: 'transition',
    from: state.status,
    to,
    at,
    event,
    regions: confirmation.regions,
    errorCode: cause?.errorCode ?? null,
    errorMessage: cause?.errorMessage ?? null,
    results,
    dedupeKey,
  };
  if (opening !== null) effect.openIncident = { kind: opening, startedAt: began };
  if (closing !== null) {
    effect.closeIncident = {
      id: closing.id,
      endedAt: began,
      durationMs: Math.max(0, Date.parse(began) - Date.parse(closing.startedAt)),
    };
  }
  return {
    status: to,
    since: began,
    openIncident: opening === null ? null : { id: dedupeKey, kind: opening, startedAt: began },
    effect,
  };
}

function latest(results: readonly ObservedResult[]): ObservedResult | undefined {
  return results.reduce<ObservedResult | undefined>(
    (newest, result) =>
      newest === undefined || Date.parse(result.slot) > Date.parse(newest.slot) ? result : newest,
    undefined,
  );
}
