import { addToHistogram, type LatencyHistogram } from '@mcpulse/core';
import type { RollupGranularity } from '../schema/index.js';
import type { NewResult } from './result-row.js';

const BUCKET_MS: Record<RollupGranularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** What one batch adds to one rollup row; the upsert adds it to whatever the row already holds. */
export interface RollupDelta {
  monitor_id: string;
  region: string;
  granularity: RollupGranularity;
  bucket_start: string;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  latency_sum_ms: number;
  latency_histogram: LatencyHistogram;
}

/** The UTC start of the bucket holding `date`: buckets are whole minutes, hours and days since the epoch. */
export function bucketStart(date: Date, granularity: RollupGranularity): Date {
  const size = BUCKET_MS[granularity];
  return new Date(Math.floor(date.getTime() / size) * size);
}

/**
 * Sums a batch per monitor, region and bucket of `granularity`. Down results
 * count as checks but carry no latency: how long a failure took to fail says
 * nothing about how fast the server answers. Deltas come out in key order so
 * that concurrent ingests lock rollup rows in the same order and cannot deadlock.
 */
export function rollupDeltas(rows: readonly NewResult[], granularity: RollupGranularity): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const row of rows) {
    const start = bucketStart(row.slot, granularity).toISOString();
    const key = `${row.monitorId}\u0000${row.region}\u0000${start}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        monitor_id: row.monitorId,
        region: row.region,
        granularity,
        bucket_start: start,
        checks: 0,
        up: 0,
        degraded: 0,
        down: 0,
        latency_sum_ms: 0,
        latency_histogram: {},
      };
      deltas.set(key, delta);
    }
    delta.checks += 1;
    delta[row.status] += 1;
    if (row.status !== 'down') {
      delta.latency_sum_ms += row.totalMs;
      addToHistogram(delta.latency_histogram, row.totalMs);
    }
  }
  return [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);
}
