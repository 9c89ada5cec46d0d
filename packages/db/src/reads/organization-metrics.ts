import type { LatencyHistogram } from '@mcpulse/core';
import type { IncidentKind, MonitorStatus } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';

/**
 * The phases a check's time is split into (docs/probe.md, "Timings"), as the metrics name them,
 * with the column each is stored in.
 */
export const METRIC_PHASES = {
  dns: 'dns_ms',
  connect: 'connect_ms',
  tls: 'tls_ms',
  negotiation: 'negotiation_ms',
  handshake: 'handshake_ms',
  tools_list: 'tools_list_ms',
  tool_call: 'tool_call_ms',
  other: 'other_ms',
} as const;
export type MetricPhase = keyof typeof METRIC_PHASES;

export interface MonitorMetricsRow {
  monitorId: string;
  name: string;
  regions: string[];
  paused: boolean;
  status: MonitorStatus;
  lastCheckedAt: Date | null;
  /** Tools in the confirmed schema; null before one is confirmed. */
  toolCount: number | null;
}

export interface RegionMetricsRow {
  monitorId: string;
  region: string;
  status: MonitorStatus;
  lastSlot: Date | null;
}

/** Every check ever counted for a monitor in a region (day rollups, which retention keeps). */
export interface CheckTotalsRow {
  monitorId: string;
  region: string;
  up: number;
  degraded: number;
  down: number;
  latencySumMs: number;
  latencyHistogram: LatencyHistogram;
}

/** How many checks of the window took at most each of `bounds` milliseconds in one phase. */
export interface PhaseWindowRow {
  monitorId: string;
  region: string;
  phase: MetricPhase;
  /** The index of the first bound at least the phase's time; `bounds.length`: above the last bound. */
  bucket: number;
  count: number;
  sumMs: number;
}

export interface IncidentCountRow {
  monitorId: string;
  kind: IncidentKind;
  total: number;
  open: number;
}

export interface OrganizationMetricsData {
  monitors: MonitorMetricsRow[];
  regions: RegionMetricsRow[];
  totals: CheckTotalsRow[];
  phases: PhaseWindowRow[];
  incidents: IncidentCountRow[];
}

const PHASE_VALUES = sql.raw(
  Object.entries(METRIC_PHASES)
    .map(([phase, column]) => `('${phase}', r.${column})`)
    .join(', '),
);

/**
 * The checks counted in an organisation's day rollups of [from, before) (either end open when null),
 * per monitor and region. Two statements: the counts, and the histograms' buckets summed.
 */
export async function readCheckTotals(
  db: Executor,
  organizationId: string,
  range: { from: Date | null; before: Date | null },
): Promise<CheckTotalsRow[]> {
  const days = sql`m.organization_id = ${organizationId} and r.granularity = 'day'
      ${range.from ? sql`and r.bucket_start >= ${range.from.toISOString()}` : sql``}
      ${range.before ? sql`and r.bucket_start < ${range.before.toISOString()}` : sql``}`;
  const [sums, buckets] = await Promise.all([
    queryRows<{
      monitor_id: string;
      region: string;
      up: number | string;
      degraded: number | string;
      down: number | string;
      latency_sum_ms: number | string;
    }>(
      db,
      sql`select r.monitor_id, r.region, sum(r.up) as up, sum(r.degraded) as degraded, sum(r.down) as down,
                 sum(r.latency_sum_ms) as latency_sum_ms
          from rollups r join monitors m on m.id = r.monitor_id
          where ${days}
          group by r.monitor_id, r.region`,
    ),
    queryRows<{ monitor_id: string; region: string; key: string; count: number | string }>(
      db,
      sql`select r.monitor_id, r.region, e.key, sum(e.value::bigint) as count
          from rollups r join monitors m on m.id = r.monitor_id, jsonb_each_text(r.latency_histogram) e
          where ${days}
          group by r.monitor_id, r.region, e.key`,
    ),
  ]);
  const totals = new Map<string, CheckTotalsRow>();
  for (const row of sums)
    totals.set(`${row.monitor_id}\u0000${row.region}`, {
      monitorId: row.monitor_id,
      region: row.region,
      up: Number(row.up),
      degraded: Number(row.degraded),
      down: Number(row.down),
      latencySumMs: Number(row.latency_sum_ms),
      latencyHistogram: {},
    });
  for (const row of buckets) {
    const total = totals.get(`${row.monitor_id}\u0000${row.region}`);
    if (total) total.latencyHistogram[row.key] = Number(row.count);
  }
  return [...totals.values()];
}

/**
 * What an organisation's metrics export shows, in five statements whatever the number of
 * monitors, every one narrowed to the organisation's own monitors. Phase timings are read from the
 * answered checks of [since, now) only: raw results are bounded by the window, never all of them.
 */
export async function readOrganizationMetrics(
  db: Executor,
  organizationId: string,
  window: { since: Date; boundsMs: readonly number[]; totalsFrom: Date | null },
): Promise<OrganizationMetricsData> {
  // Prometheus buckets hold what is at most their bound; width_bucket counts bounds at most the value,
  // so the negated bounds, ascending, give how many bounds are at least the phase's time.
  const descending = `{${[...window.boundsMs]
    .reverse()
    .map((bound) => -bound)
    .join(',')}}`;
  const [monitorRows, regionRows, totalRows, phaseRows, incidentRows] = await Promise.all([
    queryRows<{
      id: string;
      name: string;
      regions: string[];
      paused: boolean;
      status: MonitorStatus | null;
      last_checked_at: Date | string | null;
      tool_count: number | null;
    }>(
      db,
      sql`select m.id, m.name, m.regions, m.paused, s.status, s.last_checked_at, snap.tool_count
          from monitors m
          left join monitor_state s on s.monitor_id = m.id
          left join monitor_schema_snapshots snap on snap.monitor_id = m.id and snap.hash = s.schema_hash
          where m.organization_id = ${organizationId}
          order by m.id`,
    ),
    queryRows<{ monitor_id: string; region: string; status: MonitorStatus; last_slot: Date | string | null }>(
      db,
      sql`select rs.monitor_id, rs.region, rs.status, rs.last_slot
          from monitor_region_state rs join monitors m on m.id = rs.monitor_id
          where m.organization_id = ${organizationId} and rs.region = any(m.regions)
          order by rs.monitor_id, rs.region`,
    ),
    readCheckTotals(db, organizationId, { from: window.totalsFrom, before: null }),
    queryRows<{
      monitor_id: string;
      region: string;
      phase: MetricPhase;
      bucket: number;
      count: number | string;
      sum_ms: number | string;
    }>(
      db,
      sql`select r.monitor_id, r.region, p.phase,
                 ${window.boundsMs.length} - width_bucket(-p.ms::float8, ${descending}::float8[]) as bucket,
                 count(*) as count, sum(p.ms) as sum_ms
          from probe_results r
          join monitors m on m.id = r.monitor_id
          cross join lateral (values ${PHASE_VALUES}) as p(phase, ms)
          where m.organization_id = ${organizationId}
            and r.slot >= ${window.since.toISOString()}
            and r.status in ('up', 'degraded')
            and p.ms is not null
          group by r.monitor_id, r.region, p.phase, bucket
          order by r.monitor_id, r.region, p.phase, bucket`,
    ),
    queryRows<{ monitor_id: string; kind: IncidentKind; total: number | string; open: number | string }>(
      db,
      sql`select i.monitor_id, i.kind, count(*) as total, count(*) filter (where i.ended_at is null) as open
          from incidents i join monitors m on m.id = i.monitor_id
          where i.organization_id = ${organizationId} and m.organization_id = ${organizationId}
          group by i.monitor_id, i.kind
          order by i.monitor_id, i.kind`,
    ),
  ]);
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    monitors: monitorRows.map((row) => ({
      monitorId: row.id,
      name: row.name,
      regions: row.regions,
      paused: row.paused,
      status: row.status ?? 'pending',
      lastCheckedAt: date(row.last_checked_at),
      toolCount: row.tool_count,
    })),
    regions: regionRows.map((row) => ({
      monitorId: row.monitor_id,
      region: row.region,
      status: row.status,
      lastSlot: date(row.last_slot),
    })),
    totals: totalRows,
    phases: phaseRows.map((row) => ({
      monitorId: row.monitor_id,
      region: row.region,
      phase: row.phase,
      bucket: Number(row.bucket),
      count: Number(row.count),
      sumMs: Number(row.sum_ms),
    })),
    incidents: incidentRows.map((row) => ({
      monitorId: row.monitor_id,
      kind: row.kind,
      total: Number(row.total),
      open: Number(row.open),
    })),
  };
}
