import type { Db } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { DAY_MS, dayChunks } from './seed-plan.js';
import { seedStatement } from './seed-statement.js';

const ROLLUP_COLUMNS = sql`monitor_id, region, granularity, bucket_start, checks, up, degraded, down,
  latency_sum_ms, latency_histogram`;
const range = (column: string, chunk: { from: Date; to: Date }) =>
  sql`${sql.raw(column)} >= ${chunk.from.toISOString()}::timestamptz and ${sql.raw(column)} < ${chunk.to.toISOString()}::timestamptz`;

/**
 * Minute rollups straight from the seeded results: one check each, as ingest
 * writes them. Down checks carry no latency (rollup-deltas.ts).
 */
export async function seedMinuteRollups(db: Db, slots: { from: Date; to: Date }): Promise<number> {
  let rows = 0;
  for (const chunk of dayChunks(slots.from, slots.to)) {
    rows += await seedStatement(
      db,
      sql`insert into rollups (${ROLLUP_COLUMNS})
          select monitor_id, region, 'minute', date_trunc('minute', slot), 1,
            (status = 'up')::int, (status = 'degraded')::int, (status = 'down')::int,
            case when status = 'down' then 0 else total_ms end,
            case when status = 'down' then '{}'::jsonb
                 else jsonb_build_object(bench_latency_bucket(total_ms)::text, 1) end
          from probe_results where ${range('slot', chunk)}`,
    );
  }
  return rows;
}

/** Hour rollups of the seeded results: counts, and a histogram built per (series, hour, bucket). */
export async function seedHourRollupsFromResults(db: Db, slots: { from: Date; to: Date }): Promise<number> {
  let rows = 0;
  for (const chunk of dayChunks(slots.from, slots.to)) {
    rows += await seedStatement(
      db,
      sql`with checks as (
            select monitor_id, region, date_trunc('hour', slot) as hour, status, total_ms
            from probe_results where ${range('slot', chunk)}
          ), counts as (
            select monitor_id, region, hour, count(*)::int as checks, count(*) filter (where status = 'up')::int as up,
              count(*) filter (where status = 'degraded')::int as degraded,
              count(*) filter (where status = 'down')::int as down,
              coalesce(sum(total_ms) filter (where status <> 'down'), 0)::real as latency_sum_ms
            from checks group by 1, 2, 3
          ), buckets as (
            select monitor_id, region, hour, bench_latency_bucket(total_ms)::text as bucket, count(*) as n
            from checks where status <> 'down' group by 1, 2, 3, 4
          ), histograms as (
            select monitor_id, region, hour, jsonb_object_agg(bucket, n) as histogram from buckets group by 1, 2, 3
          )
          insert into rollups (${ROLLUP_COLUMNS})
          select c.monitor_id, c.region, 'hour', c.hour, c.checks, c.up, c.degraded, c.down, c.latency_sum_ms,
            coalesce(h.histogram, '{}'::jsonb)
          from counts c left join histograms h using (monitor_id, region, hour)
          order by c.hour`,
    );
  }
  return rows;
}

/** Day rollups as the sums of the hour rollups, histograms added bucket by bucket; ten days a statement. */
export async function seedDayRollups(db: Db, hours: { from: Date; to: Date }): Promise<number> {
  let rows = 0;
  for (let start = hours.from.getTime(); start < hours.to.getTime(); start += 10 * DAY_MS) {
    const chunk = { from: new Date(start), to: new Date(Math.min(start + 10 * DAY_MS, hours.to.getTime())) };
    rows += await seedStatement(
      db,
      sql`with hours as (
            select * from rollups where granularity = 'hour' and ${range('bucket_start', chunk)}
          ), counts as (
            select monitor_id, region, date_trunc('day', bucket_start) as day, sum(checks)::int as checks,
              sum(up)::int as up, sum(degraded)::int as degraded, sum(down)::int as down,
              sum(latency_sum_ms)::real as latency_sum_ms
            from hours group by 1, 2, 3
          ), buckets as (
            select h.monitor_id, h.region, date_trunc('day', h.bucket_start) as day, e.key as bucket,
              sum((e.value #>> '{}')::bigint) as n
            from hours h cross join lateral jsonb_each(h.latency_histogram) as e group by 1, 2, 3, 4
          ), histograms as (
            select monitor_id, region, day, jsonb_object_agg(bucket, n) as histogram from buckets group by 1, 2, 3
          )
          insert into rollups (${ROLLUP_COLUMNS})
          select c.monitor_id, c.region, 'day', c.day, c.checks, c.up, c.degraded, c.down, c.latency_sum_ms,
            coalesce(h.histogram, '{}'::jsonb)
          from counts c left join histograms h using (monitor_id, region, day)
          order by c.day`,
    );
  }
  return rows;
}
