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
 * Moves the monitor to a newly confirmed status. Every move into down or
 * degraded opens an incident of that kind (closing any other, so down →
 * degraded is two incidents with two durations), and a move to up closes it.
 * A pending monitor that is confirmed down or degraded does alert: a monitor
 * created against a broken server must not stay silent.
 *
 * `at` is the slot of the result that completed the confirmation, so a
 * retried or raced ingest of the same results derives the same dedupeKey.
 */
export function transition(
  state: MonitorMachineState,
  confirmation: Confirmation,
  trigger: ObservedResult,
  results: ObservedResult[],
): TransitionOutcome {
  const to = confirmation.status;
  const at = trigger.slot;
  if (state.status === 'pending' && to === 'up') {
    return { status: to, since: at, openIncident: null, effect: null };
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
  if (opening !== null) effect.openIncident = { kind: opening, startedAt: at };
  if (closing !== null) {
    effect.closeIncident = {
      id: closing.id,
      endedAt: at,
      durationMs: Date.parse(at) - Date.parse(closing.startedAt),
    };
  }
  return {
    status: to,
    since: at,
    openIncident: opening === null ? null : { id: dedupeKey, kind: opening, startedAt: at },
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
