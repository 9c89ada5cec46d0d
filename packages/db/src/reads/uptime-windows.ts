import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { WINDOW_NAMES, type WindowName, windowRanges } from './rollup-ranges.js';
import { rollupsIn, seriesOfMonitor } from './rollup-scan.js';

export interface UptimeFigures {
  /** (up + degraded) / checks, 0…1; null when there were no checks to judge by. */
  uptime: number | null;
  checks: number;
  up: number;
  degraded: number;
  down: number;
}

export interface WindowUptime {
  overall: UptimeFigures;
  regions: Record<string, UptimeFigures>;
}

export type UptimeWindows = Record<WindowName, WindowUptime>;

interface Counts {
  checks: number;
  up: number;
  degraded: number;
  down: number;
}

export function uptimeFigures(counts: Counts): UptimeFigures {
  const { checks, up, degraded, down } = counts;
  return { uptime: checks > 0 ? (up + degraded) / checks : null, checks, up, degraded, down };
}

/**
 * Uptime over [now − w, now) for every standard window, overall and per
 * region, from rollups, in one query. Paused time is left out without looking at monitor_pauses: a paused
 * monitor is not scheduled, so it has no checks then, and uptime is a ratio
 * of checks. Degraded counts as up: the server answered.
 * Once minute rollups expire (with raw results), a long window's first,
 * partial hour has no data left and the window is that much shorter.
 */
export async function uptimeWindows(db: Executor, monitorId: string, now: Date): Promise<UptimeWindows> {
  const rows = await queryRows<Counts & { label: WindowName; region: string }>(
    db,
    sql`select w.label, w.region, sum(w.checks)::int as checks, sum(w.up)::int as up,
               sum(w.degraded)::int as degraded, sum(w.down)::int as down
        from ${rollupsIn(seriesOfMonitor(monitorId), windowRanges(now), sql`r.checks, r.up, r.degraded, r.down`)} as w
        group by w.label, w.region
        order by w.label, w.region`,
  );
  const windows = {} as UptimeWindows;
  for (const label of WINDOW_NAMES) {
    const total: Counts = { checks: 0, up: 0, degraded: 0, down: 0 };
    const regions: Record<string, UptimeFigures> = {};
    for (const row of rows) {
      if (row.label !== label) continue;
      regions[row.region] = uptimeFigures(row);
      total.checks += row.checks;
      total.up += row.up;
      total.degraded += row.degraded;
      total.down += row.down;
    }
    windows[label] = { overall: uptimeFigures(total), regions };
  }
  return windows;
}
