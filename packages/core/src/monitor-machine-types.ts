/**
 * The shapes the monitor state machine reads and writes. They mirror the
 * `monitor_state` and `monitor_region_state` rows so that ingest can load a
 * state, apply a batch and store it back without translation.
 */
import type { TransitionEventType } from './domain/event-values.js';
import type { IncidentKind, MonitorStatus } from './domain/monitor-values.js';
import type { ProbeStatus } from './domain/probe-values.js';
import type { ProbeTimings } from './probe-result.js';

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
}

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
  at: string;
  /** Unique per monitor; the caller prefixes the monitor id. */
  dedupeKey: string;
}

export type MachineEffect = TransitionEffect | DriftEffect;
