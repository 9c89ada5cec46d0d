import {
  bucketBounds,
  HISTOGRAM_OVERFLOW_BUCKET,
  HISTOGRAM_OVERFLOW_MS,
  histogramBucket,
} from '@mcpulse/core';
import { type Db, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';

/** The seeded data disagrees with what ingest would have written: every figure after it would mislead. */
export class SeedCheckFailed extends Error {
  override readonly name = 'SeedCheckFailed';
}

/** Latencies at and a hair either side of every bucket bound, where a bucketing slip would show. */
function boundaryLatencies(): number[] {
  const values = [0, 0.5, 0.999, HISTOGRAM_OVERFLOW_MS, HISTOGRAM_OVERFLOW_MS * 2];
  for (let bucket = 1; bucket < HISTOGRAM_OVERFLOW_BUCKET; bucket++) {
    const { lower } = bucketBounds(bucket);
    values.push(lower, lower * (1 - 1e-15), lower * (1 + 1e-15), lower * 1.05);
  }
  return values;
}

async function checkBuckets(db: Db): Promise<number> {
  const sample = await queryRows<{ ms: number }>(
    db,
    sql`select total_ms::float8 as ms from probe_results tablesample system (1) limit 20000`,
  );
  const latencies = [...boundaryLatencies(), ...sample.map((row) => row.ms)];
  const rows = await queryRows<{ ms: number; bucket: number }>(
    db,
    sql`select ms, bench_latency_bucket(ms) as bucket
        from unnest(${`{${latencies.join(',')}}`}::float8[]) as ms`,
  );
  const wrong = rows.filter((row) => row.bucket !== histogramBucket(row.ms));
  if (wrong.length > 0) {
    const first = wrong[0]!;
    throw new SeedCheckFailed(
      `${wrong.length} latencies bucketed unlike @mcpulse/core, e.g. ${first.ms} ms → ${first.bucket} instead of ${histogramBucket(first.ms)}`,
    );
  }
  return rows.length;
}

interface LevelTotals {
  granularity: string;
  rows: number;
  checks: number;
  answered: number;
  histogram_checks: number;
  mismatched_rows: number;
}

/** One monitor's rollups at every level: each histogram counts its up + degraded, and the levels add up. */
async function checkRollups(db: Db, monitorId: string, rawFrom: Date): Promise<LevelTotals[]> {
  const totals = await queryRows<LevelTotals>(
    db,
    sql`select r.granularity, count(*)::int as rows, sum(r.checks)::int as checks,
          sum(r.up + r.degraded)::int as answered, sum(h.n)::int as histogram_checks,
          count(*) filter (where h.n <> r.up + r.degraded)::int as mismatched_rows
        from rollups r cross join lateral (
          select coalesce(sum((e.value #>> '{}')::bigint), 0) as n from jsonb_each(r.latency_histogram) e) h
        where r.monitor_id = ${monitorId}::uuid
        group by r.granularity order by r.granularity`,
  );
  const [recent] = await queryRows<{ checks: number }>(
    db,
    sql`select coalesce(sum(checks), 0)::int as checks from rollups
        where monitor_id = ${monitorId}::uuid and granularity = 'hour' and bucket_start >= ${rawFrom.toISOString()}::timestamptz`,
  );
  const [raw] = await queryRows<{ checks: number }>(
    db,
    sql`select count(*)::int as checks from probe_results where monitor_id = ${monitorId}::uuid`,
  );
  const level = (name: string) => totals.find((row) => row.granularity === name);
  const problems = totals
    .filter((row) => row.mismatched_rows > 0 || row.histogram_checks !== row.answered)
    .map(
      (row) => `${row.granularity}: ${row.mismatched_rows} rows whose histogram does not count up + degraded`,
    );
  if (level('day')?.checks !== level('hour')?.checks) problems.push('day rollups do not add up to the hours');
  if (level('minute')?.checks !== raw?.checks || recent?.checks !== raw?.checks) {
    problems.push('minute or recent hour rollups do not count the raw results');
  }
  if (problems.length > 0) throw new SeedCheckFailed(`monitor ${monitorId}: ${problems.join('; ')}`);
  return totals;
}

/** Verifies the seeded histograms and rollups before anything is measured on them. */
export async function checkSeed(
  db: Db,
  monitorId: string,
  rawFrom: Date,
): Promise<{ latenciesBucketed: number; rollups: LevelTotals[] }> {
  return { latenciesBucketed: await checkBuckets(db), rollups: await checkRollups(db, monitorId, rawFrom) };
}
