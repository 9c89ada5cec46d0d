import type { Db } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { LATENCY_CLASSES, OUTAGE_MINUTES } from './check-model.js';
import { checkModel, regionsRelation } from './check-model-sql.js';
import { DAY_MS } from './seed-plan.js';
import { seedStatement } from './seed-statement.js';

/** Simulated hours per latency class, region and outage length; each seeded hour picks one. */
const VARIANTS = 16;

/**
 * `bench_hour_templates`: hours of 60 simulated checks, made with the same
 * check model as the raw results, summed into rollup counts and a histogram.
 * Simulating every check of 90 days would be 78 M checks for rollups only.
 */
export async function createHourTemplates(db: Db): Promise<number> {
  const classes = sql.raw(
    LATENCY_CLASSES.map((c) => `(${c.index}, ${c.medianMs}::float8, ${c.sigma}::float8)`).join(', '),
  );
  const outages = sql.raw(`array[0, ${OUTAGE_MINUTES.join(', ')}]`);
  const source = sql`(select cls.*, reg.*, v.variant, o.outage_minutes, g.minute_of_hour,
      g.minute_of_hour < o.outage_minutes as in_outage, 'connect_timeout'::text as outage_code
    from (values ${classes}) as cls(latency_class, median_ms, sigma)
      cross join ${regionsRelation()}
      cross join generate_series(0, ${sql.raw(String(VARIANTS - 1))}) as v(variant)
      cross join unnest(${outages}) as o(outage_minutes)
      cross join generate_series(0, 59) as g(minute_of_hour))`;
  await seedStatement(
    db,
    sql`create table bench_template_checks as
      select latency_class, region, variant, outage_minutes, status, latency_ms from ${checkModel(source)} as m`,
    new Date(0),
  );
  const templates = await seedStatement(
    db,
    sql`create table bench_hour_templates as
      with counts as (
        select latency_class, region, variant, outage_minutes, count(*)::int as checks,
          count(*) filter (where status = 'up')::int as up,
          count(*) filter (where status = 'degraded')::int as degraded,
          count(*) filter (where status = 'down')::int as down,
          coalesce(sum(latency_ms) filter (where status <> 'down'), 0)::real as latency_sum_ms
        from bench_template_checks group by 1, 2, 3, 4
      ), buckets as (
        select latency_class, region, variant, outage_minutes, bench_latency_bucket(latency_ms)::text as bucket,
          count(*) as n
        from bench_template_checks where status <> 'down' group by 1, 2, 3, 4, 5
      ), histograms as (
        select latency_class, region, variant, outage_minutes, jsonb_object_agg(bucket, n) as histogram
        from buckets group by 1, 2, 3, 4
      )
      select c.*, coalesce(h.histogram, '{}'::jsonb) as histogram
      from counts c left join histograms h using (latency_class, region, variant, outage_minutes)`,
  );
  // Statistics let the planner hash-join the templates instead of guessing at a table it has never seen.
  await db.execute(sql`analyze bench_hour_templates, bench_profiles`);
  return templates;
}

/**
 * Hour rollups for [from, to), before the raw results begin: every monitor,
 * region and hour takes a template of its latency class and region (its
 * outage length in its outage hour), the variant spread by a cheap hash.
 */
export async function seedHistoryHours(db: Db, hours: { from: Date; to: Date }): Promise<number> {
  let rows = 0;
  for (let start = hours.from.getTime(); start < hours.to.getTime(); start += 10 * DAY_MS) {
    const end = Math.min(start + 10 * DAY_MS, hours.to.getTime());
    rows += await seedStatement(
      db,
      sql`insert into rollups (monitor_id, region, granularity, bucket_start, checks, up, degraded, down,
            latency_sum_ms, latency_histogram)
          select p.monitor_id, reg.region, 'hour', h.hour, t.checks, t.up, t.degraded, t.down, t.latency_sum_ms,
            t.histogram
          from bench_profiles p cross join ${regionsRelation()}
            cross join generate_series(${new Date(start).toISOString()}::timestamptz,
              ${new Date(end).toISOString()}::timestamptz - interval '1 hour', interval '1 hour') as h(hour)
            join bench_hour_templates t on t.latency_class = p.latency_class and t.region = reg.region
              and t.variant = (p.idx * 31 + reg.region_index * 17 + (extract(epoch from h.hour)::bigint / 3600) * 13)
                % ${sql.raw(String(VARIANTS))}
              and t.outage_minutes = case when p.outage_minutes > 0 and extract(hour from h.hour) = p.outage_hour
                then p.outage_minutes else 0 end
          order by h.hour`,
    );
  }
  return rows;
}
