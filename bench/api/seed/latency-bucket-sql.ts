import { bucketBounds, HISTOGRAM_OVERFLOW_BUCKET, HISTOGRAM_OVERFLOW_MS } from '@mcpulse/core';
import type { Db } from '@mcpulse/db';
import { sql } from 'drizzle-orm';

/**
 * Creates `bench_latency_bucket(ms float8)`: `histogramBucket` of
 * @mcpulse/core in SQL, so millions of seeded latencies are bucketed where
 * they are made. It estimates with a logarithm and then corrects by one
 * bucket against core's own bounds, as core does, so it agrees with core
 * exactly (check-seed.ts verifies a sample).
 */
export async function createLatencyBucketFunction(db: Db): Promise<void> {
  const regular = Array.from({ length: HISTOGRAM_OVERFLOW_BUCKET - 1 }, (_, i) => bucketBounds(i + 1));
  const lowers = `'{${regular.map((bounds) => bounds.lower).join(',')}}'::float8[]`;
  const uppers = `'{${regular.map((bounds) => bounds.upper).join(',')}}'::float8[]`;
  const growth = bucketBounds(1).upper;
  const last = HISTOGRAM_OVERFLOW_BUCKET - 1;
  // One expression, no subquery, so that Postgres inlines it: a call costs next to nothing.
  const estimate = `least(floor(ln(ms) / ln(${growth}))::int + 1, ${last})`;
  await db.execute(
    sql.raw(`create function bench_latency_bucket(ms float8) returns int
      language sql immutable parallel safe as $$
        select case
          when not (ms >= 1) then 0
          when ms >= ${HISTOGRAM_OVERFLOW_MS} then ${HISTOGRAM_OVERFLOW_BUCKET}
          else ${estimate} - (ms < (${lowers})[${estimate}])::int + (ms >= (${uppers})[${estimate}])::int
        end
      $$`),
  );
}
