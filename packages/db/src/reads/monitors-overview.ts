import { type LatencyHistogram, mergeHistograms, percentile } from '@mcpulse/core';
import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { monitorState, monitors } from '../schema/index.js';
import { ceilTo, coverRange, WINDOW_MS } from './rollup-ranges.js';
import { regionsWithRollups, rollupsIn } from './rollup-scan.js';

const HOUR_MS = 3_600_000;
const SPARKLINE_HOURS = 24;
const HOUR_COLUMNS = sql`r.bucket_start, r.checks, r.up, r.degraded, r.down, r.latency_histogram`;
const MONTH_COLUMNS = sql`r.checks, r.up, r.degraded, r.down`;

export interface SparklinePoint {
  bucketStart: Date;
  p50Ms: number | null;
  checks: number;
  down: number;
}

export interface MonitorOverview {
  monitorId: string;
  name: string;
  /** `paused` for a paused monitor, whatever its last confirmed state. */
  status: 'pending' | 'up' | 'degraded' | 'down' | 'paused';
  uptime24h: number | null;
  uptime30d: number | null;
  p95Ms24h: number | null;
  lastCheckedAt: Date | null;
  /** One point per hour, oldest first; the last is the current hour. */
  sparkline: SparklinePoint[];
}

interface RollupRow {
  part: 'hour' | 'month';
  monitor_id: string;
  bucket_ms: number | null;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  histogram: LatencyHistogram | null;
}

function ratio(answered: number, checks: number): number | null {
  return checks > 0 ? answered / checks : null;
}

/**
 * Every monitor of an organisation with its headline figures, in two queries
 * whatever the number of monitors. Hour rollups only, never minutes or raw
 * results: the 24 hours end with the current hour, and 30 days are the 30
 * days up to the end of it, whole days taken from day rollups.
 */
export async function monitorsOverview(
  db: Executor,
  organizationId: string,
  now: Date,
): Promise<MonitorOverview[]> {
  const owned = await db
    .select({
      monitorId: monitors.id,
      name: monitors.name,
      paused: monitors.paused,
      status: monitorState.status,
      lastCheckedAt: monitorState.lastCheckedAt,
      regions: regionsWithRollups(sql`${monitors.id}`),
    })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(eq(monitors.organizationId, organizationId))
    .orderBy(asc(monitors.name), asc(monitors.id));
  if (owned.length === 0) return [];

  const end = ceilTo(now, 'hour');
  const dayStart = new Date(end.getTime() - SPARKLINE_HOURS * HOUR_MS);
  const month = coverRange(new Date(end.getTime() - WINDOW_MS['30d']), end, ['day', 'hour']).map((range) => ({
    label: 'month',
    range,
  }));
  const series = owned.flatMap(({ monitorId, regions }) => regions.map((region) => ({ monitorId, region })));
  const day = [{ label: 'hour', range: { granularity: 'hour' as const, from: dayStart, to: end } }];
  const rows = await queryRows<RollupRow>(
    db,
    sql`select 'hour' as part, w.monitor_id, (extract(epoch from w.bucket_start) * 1000)::float8 as bucket_ms,
               w.checks, w.up, w.degraded, w.down, w.latency_histogram as histogram
        from ${rollupsIn(series, day, HOUR_COLUMNS)} as w
        union all
        select 'month', w.monitor_id, null, sum(w.checks)::int, sum(w.up)::int, sum(w.degraded)::int,
               sum(w.down)::int, null
        from ${rollupsIn(series, month, MONTH_COLUMNS)} as w
        group by w.monitor_id`,
  );

  const hours = new Map<string, RollupRow[]>();
  const months = new Map<string, RollupRow>();
  for (const row of rows) {
    if (row.part === 'month') months.set(row.monitor_id, row);
    else if (hours.has(row.monitor_id)) hours.get(row.monitor_id)?.push(row);
    else hours.set(row.monitor_id, [row]);
  }

  return owned.map((monitor) => {
    const points = Array.from({ length: SPARKLINE_HOURS }, (_, i) => ({
      bucketStart: new Date(dayStart.getTime() + i * HOUR_MS),
      checks: 0,
      answered: 0,
      down: 0,
      histograms: [] as LatencyHistogram[],
    }));
    for (const row of hours.get(monitor.monitorId) ?? []) {
      const point = points[Math.round(((row.bucket_ms ?? 0) - dayStart.getTime()) / HOUR_MS)];
      if (!point) continue;
      point.checks += row.checks;
      point.answered += row.up + row.degraded;
      point.down += row.down;
      if (row.histogram) point.histograms.push(row.histogram);
    }
    const checks = points.reduce((sum, point) => sum + point.checks, 0);
    const answered = points.reduce((sum, point) => sum + point.answered, 0);
    const month = months.get(monitor.monitorId);
    return {
      monitorId: monitor.monitorId,
      name: monitor.name,
      status: monitor.paused ? 'paused' : (monitor.status ?? 'pending'),
      uptime24h: ratio(answered, checks),
      uptime30d: month ? ratio(month.up + month.degraded, month.checks) : null,
      p95Ms24h: percentile(mergeHistograms(...points.flatMap((point) => point.histograms)), 0.95),
      lastCheckedAt: monitor.lastCheckedAt,
      sparkline: points.map((point) => ({
        bucketStart: point.bucketStart,
        p50Ms: percentile(mergeHistograms(...point.histograms), 0.5),
        checks: point.checks,
        down: point.down,
      })),
    };
  });
}
