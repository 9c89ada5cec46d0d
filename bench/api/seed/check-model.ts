import type { ProbeErrorCode, ProbePhase } from '@mcpulse/core/domain';

/**
 * How a seeded check turns out. The SQL seeding (check-model-sql.ts) and the
 * rows built for the ingest run (measure/ingest-rows.ts) both read these, so
 * seeded history and ingested results look alike.
 */

/** Regions in sorted order, as the scheduler spreads them across the interval. */
export const REGIONS = [
  { name: 'ap-south', latencyFactor: 2.1, offsetMs: 0 },
  { name: 'eu-west', latencyFactor: 1, offsetMs: 20_000 },
  { name: 'us-east', latencyFactor: 1.35, offsetMs: 40_000 },
] as const;

/** Monitors fall in classes of typical latency: medians from 25 ms to about 350 ms in eu-west. */
export const LATENCY_CLASSES = Array.from({ length: 20 }, (_, index) => ({
  index,
  medianMs: 25 * 1.15 ** index,
  sigma: 0.25 + 0.015 * index,
}));

/** A check at or above the monitors' default degraded threshold is degraded, not up. */
export const DEGRADED_MS = 1_000;
/** Isolated failures outside any outage. */
export const RANDOM_FAILURE_RATE = 0.001;
/** Stalls that add 0.8–4 s to a check, so that most of them end up degraded. */
export const SPIKE_RATE = 0.005;
export const SPIKE_MS = { min: 800, spread: 3_200 } as const;
/** Outage lengths a monitor with a daily outage can have, in minutes of one hour. */
export const OUTAGE_MINUTES = [10, 20, 45] as const;

export interface ErrorKind {
  code: ProbeErrorCode;
  phase: ProbePhase;
  message: string;
  httpStatus: number | null;
  httpAlive: boolean;
  /** Time to fail, or null for a share of the usual latency. */
  fixedMs: number | null;
}

export const ERROR_KINDS: readonly ErrorKind[] = [
  {
    code: 'timeout',
    phase: 'tools_list',
    message: 'no answer within 10000 ms',
    httpStatus: null,
    httpAlive: true,
    fixedMs: 10_000,
  },
  {
    code: 'connection_reset',
    phase: 'handshake',
    message: 'socket hang up',
    httpStatus: null,
    httpAlive: false,
    fixedMs: null,
  },
  {
    code: 'http_error',
    phase: 'handshake',
    message: 'HTTP 502 Bad Gateway',
    httpStatus: 502,
    httpAlive: true,
    fixedMs: null,
  },
  {
    code: 'connect_timeout',
    phase: 'connect',
    message: 'connect timed out after 10000 ms',
    httpStatus: null,
    httpAlive: false,
    fixedMs: 10_000,
  },
  {
    code: 'connection_refused',
    phase: 'connect',
    message: 'connect ECONNREFUSED',
    httpStatus: null,
    httpAlive: false,
    fixedMs: 2,
  },
];

/** Isolated failures are one of the first three kinds; outages are the last two or an HTTP error. */
export const RANDOM_FAILURE_CODES = ['timeout', 'connection_reset', 'http_error'] as const;
export const OUTAGE_CODES = ['connect_timeout', 'connection_refused', 'http_error'] as const;
/** A failed check that is not a fixed-time failure took this share of the usual latency. */
export const FAILURE_LATENCY_SHARE = 0.4;
/** Phase timings as shares of the total; DNS is added on top (0.5–3.5 ms). */
export const PHASE_SHARES = { connectMs: 0.08, tlsMs: 0.12, handshakeMs: 0.35, toolsListMs: 0.42 } as const;
