import { histogramBucket, type LatencyHistogram } from '@mcpulse/core';
import { ROLLUP_GRANULARITIES, type RollupGranularity } from '../schema/index.js';
import { isProbed, type NewResult } from './result-row.js';

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
 * Sums a batch per granularity, monitor, region and bucket, every level in
 * one pass (a result's latency bucket is found once for all three). Down
 * results count as checks but carry no latency: how long a failure took to
 * fail says nothing about how fast the server answers. Skipped slots are no
 * check at all, so they count nowhere. Unordered: the upsert sorts them, so
 * that concurrent ingests lock rollup rows in one order.
 */
export function rollupDeltas(rows: readonly NewResult[]): RollupDelta[] {
  const levels = ROLLUP_GRANULARITIES.map((granularity) => ({
    granularity,
    size: BUCKET_MS[granularity],
    deltas: new Map<string, RollupDelta & { startMs: number }>(),
  }));
  for (const row of rows) {
    if (!isProbed(row)) continue;
    const slotMs = row.slot.getTime();
    const answered = row.status !== 'down';
    const bucket = answered ? String(histogramBucket(row.totalMs)) : '';
    for (const level of levels) {
      const startMs = Math.floor(slotMs / level.size) * level.size;
      const key = `${row.monitorId}\u0000${row.region}\u0000${startMs}`;
      let delta = level.deltas.get(key);
      if (!delta) {
        delta = {
          monitor_id: row.monitorId,
          region: row.region,
          granularity: level.granularity,
          bucket_start: '',
          startMs,
          checks: 0,
          up: 0,
          degraded: 0,
          down: 0,
          latency_sum_ms: 0,
          latency_histogram: {},
        };
        level.deltas.set(key, delta);
      }
      delta.checks += 1;
      delta[row.status] += 1;
      if (answered) {
        delta.latency_sum_ms += row.totalMs;
        delta.latency_histogram[bucket] = (delta.latency_histogram[bucket] ?? 0) + 1;
      }
    }
  }
  return levels.flatMap(({ deltas }) =>
    [...deltas.values()].map(({ startMs, ...delta }) => ({
      ...delta,
      bucket_start: new Date(startMs).toISOString(),
    })),
  );
}
