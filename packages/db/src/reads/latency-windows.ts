import { HistogramSum, type LatencyHistogram } from '@mcpulse/core';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { WINDOW_NAMES, type WindowName, windowRanges } from './rollup-ranges.js';
import { rollupsIn, seriesOfMonitor } from './rollup-scan.js';

export interface LatencyFigures {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** The checks the percentiles are taken over: those that answered (up or degraded). */
  checks: number;
}

export interface WindowLatency {
  overall: LatencyFigures;
  regions: Record<string, LatencyFigures>;
}

export type LatencyWindows = Record<WindowName, WindowLatency>;

function latencyFigures(sum: HistogramSum): LatencyFigures {
  return {
    p50: sum.percentile(0.5),
    p95: sum.percentile(0.95),
    p99: sum.percentile(0.99),
    checks: sum.count,
  };
}

/**
 * Latency percentiles of total check time for every standard window, overall
 * and per region. Histograms are merged in SQL (bucket counts summed), so a
 * 90-day window ships one small histogram per region, not its rollup rows.
 */
export async function latencyWindows(db: Executor, monitorId: string, now: Date): Promise<LatencyWindows> {
  const rows = await queryRows<{ label: WindowName; region: string; bucket: string; count: number }>(
    db,
    sql`select w.label, w.region, h.key as bucket, sum((h.value #>> '{}')::bigint)::int as count
        from ${rollupsIn(seriesOfMonitor(monitorId), windowRanges(now), sql`r.latency_histogram`)} as w
        cross join lateral jsonb_each(w.latency_histogram) as h
        group by w.label, w.region, h.key`,
  );
  const histograms = new Map<WindowName, Map<string, LatencyHistogram>>();
  for (const row of rows) {
    const byRegion = histograms.get(row.label) ?? new Map<string, LatencyHistogram>();
    histograms.set(row.label, byRegion);
    const histogram = byRegion.get(row.region) ?? {};
    byRegion.set(row.region, histogram);
    histogram[row.bucket] = row.count;
  }
  const windows = {} as LatencyWindows;
  for (const label of WINDOW_NAMES) {
    const byRegion = histograms.get(label) ?? new Map<string, LatencyHistogram>();
    const regions: Record<string, LatencyFigures> = {};
    const overall = new HistogramSum();
    for (const [region, histogram] of [...byRegion].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const sum = new HistogramSum().add(histogram);
      regions[region] = latencyFigures(sum);
      overall.addSum(sum);
    }
    windows[label] = { overall: latencyFigures(overall), regions };
  }
  return windows;
}
