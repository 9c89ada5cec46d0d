import { type DayUptime, type UptimeFigure, uptimeByDay, uptimeIn, uptimeTimeline } from '@mcpulse/core';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { WINDOW_MS, WINDOW_NAMES, type WindowName, windowRanges } from './rollup-ranges.js';
import { rollupsIn, seriesOfMonitor } from './rollup-scan.js';
import { uptimeHistories } from './uptime-history.js';

/** The daily figures the dashboard draws as bars: UTC days, today last. */
export const UPTIME_DAYS = 90;

/** How many checks were stored: the evidence behind the figures, never the uptime itself. */
export interface CheckCounts {
  total: number;
  up: number;
  degraded: number;
  down: number;
}

export interface WindowUptime extends UptimeFigure {
  checks: CheckCounts;
  /** Check counts per region. */
  regionChecks: Record<string, CheckCounts>;
}

export interface MonitorUptime {
  windows: Record<WindowName, WindowUptime>;
  /** The last UPTIME_DAYS UTC days, oldest first. */
  days: DayUptime[];
}

interface CountRow {
  label: WindowName;
  region: string;
  total: number;
  up: number;
  degraded: number;
  down: number;
}

function noChecks(): CheckCounts {
  return { total: 0, up: 0, degraded: 0, down: 0 };
}

/**
 * A monitor's uptime over [now − w, now) for every standard window and for
 * each of the last 90 UTC days, all by the one definition of docs/uptime.md,
 * with the checks stored in each window counted from rollups beside them.
 */
export async function uptimeWindows(db: Executor, monitorId: string, now: Date): Promise<MonitorUptime> {
  const since = new Date(now.getTime() - WINDOW_MS['90d']);
  const [histories, rows] = await Promise.all([
    uptimeHistories(db, [monitorId], since, now),
    queryRows<CountRow>(
      db,
      sql`select w.label, w.region, sum(w.checks)::int as total, sum(w.up)::int as up,
                 sum(w.degraded)::int as degraded, sum(w.down)::int as down
          from ${rollupsIn(seriesOfMonitor(monitorId), windowRanges(now), sql`r.checks, r.up, r.degraded, r.down`)} as w
          group by w.label, w.region
          order by w.label, w.region`,
    ),
  ]);
  const timeline = uptimeTimeline(
    histories.get(monitorId) ?? { firstCheckedAt: null, pauses: [], maintenance: [], incidents: [], now },
  );
  const windows = {} as Record<WindowName, WindowUptime>;
  for (const label of WINDOW_NAMES) {
    const checks = noChecks();
    const regionChecks: Record<string, CheckCounts> = {};
    for (const { label: rowLabel, region, ...counts } of rows) {
      if (rowLabel !== label) continue;
      regionChecks[region] = counts;
      checks.total += counts.total;
      checks.up += counts.up;
      checks.degraded += counts.degraded;
      checks.down += counts.down;
    }
    const figure = uptimeIn(timeline, new Date(now.getTime() - WINDOW_MS[label]), now);
    windows[label] = { ...figure, checks, regionChecks };
  }
  return { windows, days: uptimeByDay(timeline, UPTIME_DAYS) };
}
