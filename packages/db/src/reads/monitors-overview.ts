import { HistogramSum, type LatencyHistogram } from '@mcpulse/core';
import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { monitorState, monitors } from '../schema/index.js';
import { ceilTo, coverRange, WINDOW_MS } from './rollup-ranges.js';
import { regionsWithRollups, rollupSumsIn, rollupsIn, seriesList } from './rollup-scan.js';

const HOUR_MS = 3_600_000;
const SPARKLINE_HOURS = 24;
const HOUR_COLUMNS = sql`r.bucket_start, r.checks, r.up, r.degraded, r.down, r.latency_histogram`;
const MONTH_SUMS = sql`sum(r.checks) as checks, sum(r.up + r.degraded) as answered`;

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
  status: MonitorDisplayStatus;
  uptime24h: number | null;
  uptime30d: number | null;
  p95Ms24h: number | null;
  lastCheckedAt: Date | null;
  /** One point per hour, oldest first; the last is the current hour. */
  sparkline: SparklinePoint[];
}

interface HourRow {
  monitor_id: string;
  bucket_ms: number;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  histogram: LatencyHistogram | null;
}

interface MonthRow {
  monitor_id: string;
  checks: number;
  answered: number;
}

function ratio(answered: number, checks: number): number | null {
  return checks > 0 ? answered / checks : null;
}

/**
 * Every monitor of an organisation with its headline figures. Hour rollups
 * only, never minutes or raw results: the 24 hours end with the current hour,
 * and 30 days are the 30 days up to the end of it, whole days taken from day
 * rollups. Three statements whatever the number of monitors: the monitors
 * with their regions, then the 24 hours and the 30 days side by side.
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
  const series = seriesList(
    owned.flatMap(({ monitorId, regions }) => regions.map((region) => ({ monitorId, region }))),
  );
  const day = [{ label: 'hour', range: { granularity: 'hour' as const, from: dayStart, to: end } }];
  const month = coverRange(new Date(end.getTime() - WINDOW_MS['30d']), end, ['day', 'hour']);
  const [hourRows, monthRows] = await Promise.all([
    queryRows<HourRow>(
      db,
      sql`select w.monitor_id, (extract(epoch from w.bucket_start) * 1000)::float8 as bucket_ms,
                 w.checks, w.up, w.degraded, w.down, w.latency_histogram as histogram
          from ${rollupsIn(series, day, HOUR_COLUMNS)} as w`,
    ),
    queryRows<MonthRow>(
      db,
      sql`select w.monitor_id, sum(w.checks)::int as checks, sum(w.answered)::int as answered
          from ${rollupSumsIn(series, month, MONTH_SUMS)} as w
          group by w.monitor_id`,
    ),
  ]);

  const hours = new Map<string, HourRow[]>();
  for (const row of hourRows) {
    if (hours.has(row.monitor_id)) hours.get(row.monitor_id)?.push(row);
    else hours.set(row.monitor_id, [row]);
  }
  const months = new Map(monthRows.map((row) => [row.monitor_id, row]));

  // Two sums reused for every monitor: merging thousands of hour histograms allocates nothing per hour.
  const hourSum = new HistogramSum();
  const daySum = new HistogramSum();
  return owned.map((monitor) => {
    const byHour: HourRow[][] = Array.from({ length: SPARKLINE_HOURS }, () => []);
    for (const row of hours.get(monitor.monitorId) ?? []) {
      byHour[Math.round((row.bucket_ms - dayStart.getTime()) / HOUR_MS)]?.push(row);
    }
    daySum.clear();
    let checks = 0;
    let answered = 0;
    const sparkline = byHour.map((regions, i) => {
      hourSum.clear();
      const point = {
        bucketStart: new Date(dayStart.getTime() + i * HOUR_MS),
        p50Ms: null as number | null,
        checks: 0,
        down: 0,
      };
      for (const row of regions) {
        point.checks += row.checks;
        point.down += row.down;
        answered += row.up + row.degraded;
        if (row.histogram) hourSum.add(row.histogram);
      }
      daySum.addSum(hourSum);
      checks += point.checks;
      point.p50Ms = hourSum.percentile(0.5);
      return point;
    });
    const month = months.get(monitor.monitorId);
    return {
      monitorId: monitor.monitorId,
      name: monitor.name,
      status: monitor.paused ? 'paused' : (monitor.status ?? 'pending'),
      uptime24h: ratio(answered, checks),
      uptime30d: month ? ratio(month.answered, month.checks) : null,
      p95Ms24h: daySum.percentile(0.95),
      lastCheckedAt: monitor.lastCheckedAt,
      sparkline,
    };
  });
}
