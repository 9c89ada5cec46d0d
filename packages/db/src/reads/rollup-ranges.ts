import type { RollupGranularity } from '../schema/index.js';

const UNIT_MS: Record<RollupGranularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export const WINDOW_MS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
} as const;
export type WindowName = keyof typeof WINDOW_MS;
export const WINDOW_NAMES = Object.keys(WINDOW_MS) as WindowName[];

/** A run of rollup buckets of one granularity whose starts lie in [from, to). */
export interface RollupRange {
  granularity: RollupGranularity;
  from: Date;
  to: Date;
}

export function floorTo(date: Date, granularity: RollupGranularity): Date {
  const unit = UNIT_MS[granularity];
  return new Date(Math.floor(date.getTime() / unit) * unit);
}

export function ceilTo(date: Date, granularity: RollupGranularity): Date {
  const unit = UNIT_MS[granularity];
  return new Date(Math.ceil(date.getTime() / unit) * unit);
}

/**
 * Covers [from, to) exactly with the fewest rollup rows: whole days in the
 * middle, whole hours beside them, single buckets of the finest level at the
 * edges. `from` and `to` must be aligned to the finest level.
 */
export function coverRange(
  from: Date,
  to: Date,
  levels: readonly RollupGranularity[] = ['day', 'hour', 'minute'],
): RollupRange[] {
  const [coarsest, ...finer] = levels;
  if (!coarsest || from >= to) return [];
  if (finer.length === 0) return [{ granularity: coarsest, from, to }];
  const start = ceilTo(from, coarsest);
  const end = floorTo(to, coarsest);
  if (start >= end) return coverRange(from, to, finer);
  return [
    ...coverRange(from, start, finer),
    { granularity: coarsest, from: start, to: end },
    ...coverRange(end, to, finer),
  ];
}

/**
 * The ranges of every standard window ending at `now`. Minute rollups are the
 * finest data, so `now` is rounded up to the next whole minute: the current,
 * partial minute counts, and each window still spans exactly its length.
 */
export function windowRanges(now: Date): Array<{ label: WindowName; range: RollupRange }> {
  const end = ceilTo(now, 'minute');
  return WINDOW_NAMES.flatMap((label) =>
    coverRange(new Date(end.getTime() - WINDOW_MS[label]), end).map((range) => ({ label, range })),
  );
}
