import {
  type DayUptime,
  HistogramSum,
  type LatencyHistogram,
  uptimeByDay,
  uptimeIn,
  uptimeTimeline,
} from '@mcpulse/core';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { WINDOW_MS, windowRanges } from './rollup-ranges.js';
import { rollupsIn, seriesList } from './rollup-scan.js';
import { uptimeHistories } from './uptime-history.js';
import { UPTIME_DAYS } from './uptime-windows.js';

/** The uptime windows a status page shows. */
export const PAGE_UPTIME_WINDOWS = ['24h', '7d', '30d', '90d'] as const;
export type PageUptimeWindow = (typeof PAGE_UPTIME_WINDOWS)[number];

export interface PageMonitorFigures {
  uptime: Record<PageUptimeWindow, number | null>;
  /** The last UPTIME_DAYS UTC days, oldest first, as the monitor page draws them. */
  days: DayUptime[];
  /** p95 of total check time over the last 24 hours, as `latencyWindows` computes it; null without an answered check. */
  p95Ms24h: number | null;
}

interface BucketRow {
  monitor_id: string;
  bucket: string;
  count: number;
}

/**
 * The figures of many monitors as of `now`, in two statements whatever their number: uptime by
 * the one definition (docs/uptime.md; the same history, timeline and windows as `uptimeWindows`,
 * so the page and the monitor's own page agree to the last digit) and the 24-hour p95 from the
 * same rollup ranges as `latencyWindows`.
 */
export async function statusPageFigures(
  db: Executor,
  monitors: ReadonlyArray<{ monitorId: string; rollupRegions: readonly string[] }>,
  now: Date,
): Promise<Map<string, PageMonitorFigures>> {
  const ids = monitors.map((monitor) => monitor.monitorId);
  const series = monitors.flatMap(({ monitorId, rollupRegions }) =>
    rollupRegions.map((region) => ({ monitorId, region })),
  );
  const day = windowRanges(now).filter((range) => range.label === '24h');
  const [histories, buckets] = await Promise.all([
    uptimeHistories(db, ids, new Date(now.getTime() - WINDOW_MS['90d']), now),
    series.length === 0
      ? Promise.resolve([])
      : queryRows<BucketRow>(
          db,
          sql`select w.monitor_id, h.key as bucket, sum((h.value #>> '{}')::bigint)::int as count
              from ${rollupsIn(seriesList(series), day, sql`r.latency_histogram`)} as w
              cross join lateral jsonb_each(w.latency_histogram) as h
              group by w.monitor_id, h.key`,
        ),
  ]);
  const histograms = new Map<string, LatencyHistogram>();
  for (const row of buckets) {
    const histogram = histograms.get(row.monitor_id) ?? {};
    histograms.set(row.monitor_id, histogram);
    histogram[row.bucket] = row.count;
  }
  const figures = new Map<string, PageMonitorFigures>();
  for (const id of ids) {
    const timeline = uptimeTimeline(
      histories.get(id) ?? { firstCheckedAt: null, pauses: [], maintenance: [], incidents: [], now },
    );
    const uptime = {} as Record<PageUptimeWindow, number | null>;
    for (const window of PAGE_UPTIME_WINDOWS) {
      uptime[window] = uptimeIn(timeline, new Date(now.getTime() - WINDOW_MS[window]), now).uptime;
    }
    const histogram = histograms.get(id);
    figures.set(id, {
      uptime,
      days: uptimeByDay(timeline, UPTIME_DAYS),
      p95Ms24h: histogram ? new HistogramSum().add(histogram).percentile(0.95) : null,
    });
  }
  return figures;
}
