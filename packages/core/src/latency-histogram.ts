/**
 * A sparse, log-scale latency histogram (bucket index → count). Counts add, so
 * histograms of any set of buckets merge exactly, and a percentile read from
 * the merge is off by at most the bucket width: the representative value (the
 * geometric middle) is within 5 % of every latency its bucket holds.
 */
export type LatencyHistogram = Record<string, number>;

/** Each bucket is 10 % wider than the one before; sqrt(1.1) keeps the middle within 4.9 % of both ends. */
export const HISTOGRAM_GROWTH = 1.1;
/** Latencies at or above this all share the last bucket: a check that slow is a timeout in all but name. */
export const HISTOGRAM_OVERFLOW_MS = 120_000;

const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH);
/** Regular buckets 1…n-1 cover [1.1^(i-1), 1.1^i) from 1 ms up to the overflow bound. */
export const HISTOGRAM_OVERFLOW_BUCKET = Math.ceil(Math.log(HISTOGRAM_OVERFLOW_MS) / LOG_GROWTH) + 1;

/** The bounds [lower, upper) of a bucket, in milliseconds. */
export function bucketBounds(bucket: number): { lower: number; upper: number } {
  if (bucket <= 0) return { lower: 0, upper: 1 };
  if (bucket >= HISTOGRAM_OVERFLOW_BUCKET) return { lower: HISTOGRAM_OVERFLOW_MS, upper: Infinity };
  return {
    lower: HISTOGRAM_GROWTH ** (bucket - 1),
    upper: Math.min(HISTOGRAM_GROWTH ** bucket, HISTOGRAM_OVERFLOW_MS),
  };
}

export function histogramBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  if (ms >= HISTOGRAM_OVERFLOW_MS) return HISTOGRAM_OVERFLOW_BUCKET;
  let bucket = Math.min(Math.floor(Math.log(ms) / LOG_GROWTH) + 1, HISTOGRAM_OVERFLOW_BUCKET - 1);
  // The logarithm can land a hair either side of an exact power of the growth factor.
  if (ms < bucketBounds(bucket).lower) bucket -= 1;
  else if (ms >= bucketBounds(bucket).upper) bucket += 1;
  return bucket;
}

/** Counts one latency into `histogram`, in place (aggregating a batch should not copy per row). */
export function addToHistogram(histogram: LatencyHistogram, ms: number): LatencyHistogram {
  const key = String(histogramBucket(ms));
  histogram[key] = (histogram[key] ?? 0) + 1;
  return histogram;
}

/** The histogram of all the latencies counted in any of `histograms`; the inputs are left alone. */
export function mergeHistograms(...histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged: LatencyHistogram = {};
  for (const histogram of histograms) {
    for (const [key, count] of Object.entries(histogram)) merged[key] = (merged[key] ?? 0) + count;
  }
  return merged;
}

export function histogramCount(histogram: LatencyHistogram): number {
  let total = 0;
  for (const count of Object.values(histogram)) total += count;
  return total;
}

function representative(bucket: number): number {
  const { lower, upper } = bucketBounds(bucket);
  if (bucket <= 0) return 0.5;
  if (!Number.isFinite(upper)) return lower;
  return Math.min(Math.max(Math.sqrt(lower * upper), lower), upper);
}

/**
 * A histogram with one counter per bucket, for merging many stored (sparse)
 * histograms and reading percentiles from the sum: adding one costs a pass
 * over its few keys with no allocation, and a percentile is one pass over
 * about 125 counters. Reuse one with `clear()` rather than making one per sum.
 */
export class HistogramSum {
  private readonly counts = new Float64Array(HISTOGRAM_OVERFLOW_BUCKET + 1);
  private total = 0;

  /** Adds a stored histogram's counts; keys outside the bucket range count in the nearest end bucket. */
  add(histogram: LatencyHistogram): this {
    const keys = Object.keys(histogram);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i]!;
      const count = histogram[key]!;
      if (!(count > 0)) continue;
      const bucket = Math.min(Math.max(Math.trunc(Number(key)) || 0, 0), HISTOGRAM_OVERFLOW_BUCKET);
      this.counts[bucket]! += count;
      this.total += count;
    }
    return this;
  }

  /** Adds another sum's counts: 125 additions, however many histograms went into it. */
  addSum(other: HistogramSum): this {
    for (let bucket = 0; bucket < this.counts.length; bucket += 1)
      this.counts[bucket]! += other.counts[bucket]!;
    this.total += other.total;
    return this;
  }

  get count(): number {
    return this.total;
  }

  clear(): this {
    this.counts.fill(0);
    this.total = 0;
    return this;
  }

  /**
   * The nearest-rank q-quantile (0 ≤ q ≤ 1) as its bucket's representative value;
   * null for an empty sum. Sub-millisecond latencies read as 0.5 ms and
   * overflowed ones as the overflow bound.
   */
  percentile(q: number): number | null {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile must be between 0 and 1, got ${q}`);
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket += 1) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return representative(bucket);
    }
    return representative(HISTOGRAM_OVERFLOW_BUCKET);
  }
}

/** The nearest-rank q-quantile of one histogram (see `HistogramSum.percentile`). */
export function percentile(histogram: LatencyHistogram, q: number): number | null {
  return new HistogramSum().add(histogram).percentile(q);
}
