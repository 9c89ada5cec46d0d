import { HistogramSum, type LatencyHistogram, uptimeIn, uptimeTimeline } from '@mcpulse/core';
import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { monitorState, monitors } from '../schema/index.js';
import { ceilTo, WINDOW_MS } from './rollup-ranges.js';
import { regionsWithRollups, rollupsIn, seriesList } from './rollup-scan.js';
import { uptimeHistories } from './uptime-history.js';

const HOUR_MS = 3_600_000;
const SPARKLINE_HOURS = 24;
const HOUR_COLUMNS = sql`r.bucket_start, r.checks, r.up, r.degraded, r.down, r.latency_histogram`;

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
  /** Uptime over [now − 24 h, now) and [now − 30 d, now), as docs/uptime.md defines it. */
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

/**
 * Every monitor of an organisation with its headline figures. The sparkline
 * and p95 come from hour rollups only, never minutes or raw results: the 24
 * hours end with the current hour. Uptime comes from the first checks, pauses
 * and incidents, by the one definition every surface uses. Three statements
 * whatever the number of monitors: the monitors with their regions, then the
 * hour rollups and the uptime histories side by side.
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
  const monthAgo = new Date(now.getTime() - WINDOW_MS['30d']);
  const dayAgo = new Date(now.getTime() - WINDOW_MS['24h']);
  const [hourRows, histories] = await Promise.all([
    queryRows<HourRow>(
      db,
      sql`select w.monitor_id, (extract(epoch from w.bucket_start) * 1000)::float8 as bucket_ms,
                 w.checks, w.up, w.degraded, w.down, w.latency_histogram as histogram
          from ${rollupsIn(series, day, HOUR_COLUMNS)} as w`,
    ),
    uptimeHistories(
      db,
      owned.map((monitor) => monitor.monitorId),
      monthAgo,
      now,
    ),
  ]);

  const hours = new Map<string, HourRow[]>();
  for (const row of hourRows) {
    if (hours.has(row.monitor_id)) hours.get(row.monitor_id)?.push(row);
    else hours.set(row.monitor_id, [row]);
  }

  // Two sums reused for every monitor: merging thousands of hour histograms allocates nothing per hour.
  const hourSum = new HistogramSum();
  const daySum = new HistogramSum();
  return owned.map((monitor) => {
    const byHour: HourRow[][] = Array.from({ length: SPARKLINE_HOURS }, () => []);
    for (const row of hours.get(monitor.monitorId) ?? []) {
      byHour[Math.round((row.bucket_ms - dayStart.getTime()) / HOUR_MS)]?.push(row);
    }
    daySum.clear();
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
        if (row.histogram) hourSum.add(row.histogram);
      }
      daySum.addSum(hourSum);
      point.p50Ms = hourSum.percentile(0.5);
      return point;
    });
    const history = histories.get(monitor.monitorId);
    const timeline = history ? uptimeTimeline(history) : null;
    return {
      monitorId: monitor.monitorId,
      name: monitor.name,
      status: monitor.paused ? 'paused' : (monitor.status ?? 'pending'),
      uptime24h: timeline ? uptimeIn(timeline, dayAgo, now).uptime : null,
      uptime30d: timeline ? uptimeIn(timeline, monthAgo, now).uptime : null,
      p95Ms24h: daySum.percentile(0.95),
      lastCheckedAt: monitor.lastCheckedAt,
      sparkline,
    };
  });
}
