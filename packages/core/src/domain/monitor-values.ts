import type { TransportPreference } from './probe-values.js';

/** A monitor's confirmed status. */
export const MONITOR_STATUSES = ['pending', 'up', 'degraded', 'down'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/** What a monitor reads as to its owner: its confirmed status, or `paused` while it is not watched. */
export const MONITOR_DISPLAY_STATUSES = [...MONITOR_STATUSES, 'paused'] as const;
export type MonitorDisplayStatus = (typeof MONITOR_DISPLAY_STATUSES)[number];

export const INCIDENT_KINDS = ['down', 'degraded'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/**
 * The bounds of every monitor setting a client may choose. The API's schemas,
 * the database's check constraints (migrations), the dashboard's form and the
 * docs all state these numbers; a test holds the database to them.
 */
export const MONITOR_LIMITS = {
  nameLength: { max: 200 },
  regionNameLength: { max: 64 },
  intervalSeconds: { min: 30, max: 3600 },
  timeoutMs: { min: 1000, max: 60_000 },
  degradedThresholdMs: { min: 1, max: 60_000 },
  confirmations: { min: 1, max: 10 },
  /** Regions one monitor is probed from; the deployment's regions bound it further. */
  regions: { min: 1, max: 100 },
  /** Regions that must agree; at most the monitor's own number of regions, checked where both are known. */
  regionQuorum: { min: 1, max: 100 },
  headers: { max: 20, valueLength: 4096 },
} as const;

/**
 * A region is silent once its newest result is this many of the monitor's intervals old (plus a
 * grace for queueing): two missed checks in a row. A silent region neither confirms nor blocks a
 * change, and the dashboard says since when it has been silent.
 */
export function silentAfterMs(intervalSeconds: number): number {
  return 2 * intervalSeconds * 1000 + 15_000;
}

/**
 * Every probe worker beats this often under its region's name; a region none of whose workers beat
 * for `silentAfterMs` is silent (its workers are down or cut off from the queues). Several missed
 * beats, so a worker whose event loop is busy for a few seconds is not called silent.
 */
export const PROBE_HEARTBEAT = { everyMs: 5_000, silentAfterMs: 30_000 } as const;

/** What a monitor gets for every setting its creator leaves out. */
export const MONITOR_DEFAULTS = {
  transport: 'auto' as TransportPreference,
  intervalSeconds: 60,
  timeoutMs: 10_000,
  degradedThresholdMs: 1_000,
  confirmations: 2,
  /** Null: half of the monitor's regions, at least one. */
  regionQuorum: null as number | null,
  isPublic: false,
} as const;

/** What a saved header value reads as in every answer; sent back unchanged it means "keep the saved value". */
export const MASKED_HEADER_VALUE = '••••••';

/** Headers the probe owns: letting a monitor override them would break the MCP exchange or the request framing. */
export const PROBE_OWNED_HEADER_NAMES: readonly string[] = [
  'host',
  'content-length',
  'content-type',
  'accept',
  'transfer-encoding',
  'connection',
  'mcp-session-id',
  'mcp-protocol-version',
  'mcp-method',
];
