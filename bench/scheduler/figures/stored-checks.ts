import { type Db, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';

export interface StoredChecks {
  /** Checks stored for slots in the window (skipped slots are not checks). */
  stored: number;
  /** Slots in the window whose worker picked them up more than an interval late, and skipped. */
  skipped: number;
  /**
   * Checks that started inside the window, whatever their slot: the throughput. It differs from
   * `stored` when a backlog makes the window's checks run late (or never).
   */
  startedInWindow: number;
  byStatus: Record<string, number>;
  /** error_code → count, for the results that were not up. */
  errors: Record<string, number>;
  /** checked_at − slot: how late each check started, in milliseconds. */
  lateMs: { p50: number; p90: number; p99: number; max: number; min: number };
  /** Probe duration (total_ms), for context: a slow check also delays the ones behind it. */
  totalMs: { p50: number; p99: number };
}

/** What ingest stored for the slots in `(fromMs, toMs]`, read back from probe_results; skipped slots apart. */
export async function storedChecks(
  db: Db,
  region: string,
  fromMs: number,
  toMs: number,
): Promise<StoredChecks> {
  const window = sql`region = ${region} and slot > ${new Date(fromMs).toISOString()}::timestamptz
    and slot <= ${new Date(toMs).toISOString()}::timestamptz`;
  const [figures] = await queryRows<{
    stored: string;
    p50: number | null;
    p90: number | null;
    p99: number | null;
    max: number | null;
    min: number | null;
    total_p50: number | null;
    total_p99: number | null;
  }>(
    db,
    sql`with late as (
          select extract(epoch from checked_at - slot) * 1000 as late_ms, total_ms from probe_results
          where ${window} and status <> 'skipped'
        )
        select count(*) as stored,
          percentile_disc(0.5) within group (order by late_ms) as p50,
          percentile_disc(0.9) within group (order by late_ms) as p90,
          percentile_disc(0.99) within group (order by late_ms) as p99,
          max(late_ms) as max, min(late_ms) as min,
          percentile_disc(0.5) within group (order by total_ms) as total_p50,
          percentile_disc(0.99) within group (order by total_ms) as total_p99
        from late`,
  );
  const statuses = await queryRows<{ status: string; error_code: string | null; n: string }>(
    db,
    sql`select status, error_code, count(*) as n from probe_results where ${window} group by status, error_code`,
  );
  const [started] = await queryRows<{ n: string }>(
    db,
    sql`select count(*) as n from probe_results where region = ${region} and status <> 'skipped'
        and checked_at > ${new Date(fromMs).toISOString()}::timestamptz
        and checked_at <= ${new Date(toMs).toISOString()}::timestamptz`,
  );
  const byStatus: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const row of statuses) {
    if (row.status === 'skipped') continue;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.n);
    if (row.error_code) errors[row.error_code] = (errors[row.error_code] ?? 0) + Number(row.n);
  }
  const num = (value: number | null | undefined) =>
    value === null || value === undefined ? Number.NaN : Number(value);
  return {
    stored: Number(figures?.stored ?? 0),
    skipped: statuses.filter((row) => row.status === 'skipped').reduce((sum, row) => sum + Number(row.n), 0),
    startedInWindow: Number(started?.n ?? 0),
    byStatus,
    errors,
    lateMs: {
      p50: num(figures?.p50),
      p90: num(figures?.p90),
      p99: num(figures?.p99),
      max: num(figures?.max),
      min: num(figures?.min),
    },
    totalMs: { p50: num(figures?.total_p50), p99: num(figures?.total_p99) },
  };
}
