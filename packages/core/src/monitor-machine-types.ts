/**
 * The shapes the monitor state machine reads and writes. They mirror the
 * `monitor_state` and `monitor_region_state` rows so that ingest can load a
 * state, apply a batch and store it back without translation.
 */
import type { ValueTracking } from './confirmed-value.js';
import type { ProtocolPart, TransitionEventType } from './domain/event-values.js';
import type { IncidentKind, MonitorStatus } from './domain/monitor-values.js';
import type { ProbeStatus } from './domain/probe-values.js';
import type { ProbeTimings } from './probe-result.js';
import type { ProtocolIdentity, ServerRelease } from './protocol-identity.js';

export type { IncidentKind, MonitorStatus };
export type TransitionEvent = TransitionEventType;

export interface RegionState {
  region: string;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** Signed run length: > 0 the current run of slow (degraded) results, < 0 the current run of fast ones. */
  consecutiveSlow: number;
  /** ISO timestamp of the newest slot applied; older or equal slots are ignored. */
  lastSlot: string | null;
  lastStatus: ProbeStatus | null;
  lastErrorCode: string | null;
  lastTotalMs: number | null;
  /**
   * When the region's current run began: the `checkedAt` of its first result.
   * A run is consecutive results of one kind (see RunKind); an incident
   * starts, and ends, where the runs that confirmed it began.
   */
  runStartedAt: string | null;
}

/** What a result says about the server: it failed, it answered slowly (degraded), or it answered in time. */
export type RunKind = 'failing' | 'slow' | 'fast';

export interface OpenIncident {
  /**
   * Provisional until stored: the machine sets it to the dedupeKey of the
   * transition that opened it, because a pure function cannot allocate row
   * ids. The caller that persists the incident replaces it with the row id.
   */
  id: string;
  kind: IncidentKind;
  startedAt: string;
}

export interface MonitorMachineState {
  status: MonitorStatus;
  since: string;
  schemaHash: string | null;
  candidateSchemaHash: string | null;
  candidateSeen: number;
  /** The protocol the monitor's server speaks, confirmed as the schema hash is. */
  protocol: ValueTracking<ProtocolIdentity>;
  /** The release (`serverInfo.version`) the server announces, confirmed as the schema hash is. */
  release: ValueTracking<string>;
  /**
   * The confirmed protocol when the confirmed schema hash was last seen: a
   * drift whose confirmed protocol differs from it happened across a protocol
   * change (the same tools can hash differently in another era).
   */
  schemaProtocol: ProtocolIdentity | null;
  openIncident: OpenIncident | null;
  regions: Record<string, RegionState>;
}

export interface MachineSettings {
  regions: string[];
  /** N: consecutive results a region needs before it confirms a state; 2 by default. */
  confirmations: number;
  /** Regions that must agree; null means half of the regions, at least one. */
  regionQuorum: number | null;
  paused: boolean;
  /**
   * A region whose newest result is older than this, counted back from the
   * result being applied, is silent (its worker is down or cut off): it
   * neither confirms nor blocks a change, and the quorum shrinks to the
   * regions that report.
   */
  silentAfterMs: number;
  /** When the monitor began to be watched (created or resumed): a region that never reported is silent once this is `silentAfterMs` old. */
  watchedSince: string;
  /** How long after a result that would change the status its region checks again; null: no re-checks, only the cadence. */
  recheckDelayMs: number | null;
}

export interface ObservedResult {
  region: string;
  /** ISO timestamp of the scheduled slot: the order results are applied in. */
  slot: string;
  checkedAt: string;
  status: ProbeStatus;
  errorCode: string | null;
  errorMessage: string | null;
  schemaHash: string | null;
  totalMs: number;
  timings?: ProbeTimings;
  /** The protocol the check's handshake settled on; null when none completed; absent in a summary. */
  protocol?: ProtocolIdentity | null;
  /** The release the check's handshake announced (`serverInfo`); null when none; absent in a summary. */
  server?: ServerRelease | null;
  /**
   * Only the region state's summary of this result is at hand (it was applied
   * in an earlier batch): `checkedAt`, `errorMessage` and `timings` must be
   * read from the stored row before the result is reported anywhere.
   */
  summarized?: boolean;
}

export interface TransitionEffect {
  type: 'transition';
  from: MonitorStatus;
  to: MonitorStatus;
  at: string;
  event: TransitionEvent;
  /** The regions that confirmed the new status, in settings order. */
  regions: string[];
  errorCode: string | null;
  errorMessage: string | null;
  /** The latest result of each confirming region. */
  results: ObservedResult[];
  openIncident?: { kind: IncidentKind; startedAt: string };
  closeIncident?: { id: string; endedAt: string; durationMs: number };
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

export interface DriftEffect {
  type: 'drift';
  fromHash: string;
  toHash: string;
  /**
   * The protocol change the drift happened across: the protocol confirmed when
   * the old schema was last seen, and the one confirmed with the new schema.
   * Null when both are the same, or either is not known.
   */
  protocolChange: { from: ProtocolIdentity; to: ProtocolIdentity } | null;
  at: string;
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

/** The server's confirmed protocol changed: `protocol.changed`. */
export interface ProtocolChangeEffect {
  type: 'protocol';
  from: ProtocolIdentity;
  to: ProtocolIdentity;
  /** The parts that differ, in PROTOCOL_PARTS order. */
  changed: ProtocolPart[];
  /** The slot of the first result of the streak that confirmed it. */
  firstSeenAt: string;
  /** The slot of the result that confirmed it. */
  at: string;
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

/** The server announced a new release (`serverInfo.version`), confirmed: a release marker. */
export interface ReleaseEffect {
  type: 'release';
  fromVersion: string;
  toVersion: string;
  /** `serverInfo.name` of the result that confirmed it. */
  serverName: string | null;
  /** The slot of the first result of the streak that confirmed it: where the release shows first. */
  firstSeenAt: string;
  /** The slot of the result that confirmed it. */
  at: string;
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

/**
 * Check a region again: after a result that would change the monitor's
 * status, its region re-checks shortly and, for the first such result, every
 * other region checks at once, so a change is confirmed (or dismissed) in
 * seconds rather than over several intervals.
 */
export interface RecheckEffect {
  type: 'recheck';
  region: string;
  /** When the check is due (ISO); it identifies the check as a slot does. */
  at: string;
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

export type MachineEffect =
  | TransitionEffect
  | DriftEffect
  | ProtocolChangeEffect
  | ReleaseEffect
  | RecheckEffect;
