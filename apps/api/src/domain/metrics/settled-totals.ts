import { mergeHistograms } from '@mcpulse/core';
import { type CheckTotalsRow, type Db, readCheckTotals } from '@mcpulse/db';

const DAY_MS = 86_400_000;
/** Days this far back are settled: results later than this are rare (a long ingest outage's retries). */
const SETTLED_AFTER_DAYS = 2;
/** A settled sum is read again this often, so a late result in an old day still counts, late. */
const REFRESH_MS = 3_600_000;
/** Organisations whose settled sums are kept; the least recently read is let go first. */
const MAX_ORGANIZATIONS = 1_000;

/** The start of the first day not settled at `now`: the UTC day two days before today. */
export function settledBefore(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - SETTLED_AFTER_DAYS * DAY_MS);
}

/**
 * Each organisation's check totals of its settled days, kept in memory: summing every day rollup
 * since a monitor was created is the export's one costly read (a second or more for a full plan
 * with a year of history), and settled days do not change. Only the days since `settledBefore`
 * are read at each scrape. A refresh only ever adds checks, so the counters stay monotonic.
 */
export class SettledTotals {
  private readonly entries = new Map<
    string,
    { before: number; readAt: number; rows: Promise<CheckTotalsRow[]> }
  >();

  totals(db: Db, organizationId: string, now: Date): Promise<CheckTotalsRow[]> {
    const before = settledBefore(now);
    const entry = this.entries.get(organizationId);
    this.entries.delete(organizationId);
    if (entry && entry.before === before.getTime() && now.getTime() - entry.readAt < REFRESH_MS) {
      this.entries.set(organizationId, entry);
      return entry.rows;
    }
    const rows = readCheckTotals(db, organizationId, { from: null, before });
    // A failed read is not kept: the next scrape reads again.
    rows.catch(() => this.entries.delete(organizationId));
    this.entries.set(organizationId, { before: before.getTime(), readAt: now.getTime(), rows });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ORGANIZATIONS) break;
      this.entries.delete(oldest);
    }
    return rows;
  }
}

/** Settled and recent totals of the same monitor and region, added. */
export function addTotals(
  settled: readonly CheckTotalsRow[],
  recent: readonly CheckTotalsRow[],
): CheckTotalsRow[] {
  const sums = new Map<string, CheckTotalsRow>();
  for (const row of [...settled, ...recent]) {
    const key = `${row.monitorId}\u0000${row.region}`;
    const sum = sums.get(key);
    sums.set(
      key,
      sum
        ? {
            ...sum,
            up: sum.up + row.up,
            degraded: sum.degraded + row.degraded,
            down: sum.down + row.down,
            latencySumMs: sum.latencySumMs + row.latencySumMs,
            latencyHistogram: mergeHistograms(sum.latencyHistogram, row.latencyHistogram),
          }
        : row,
    );
  }
  return [...sums.values()];
}
