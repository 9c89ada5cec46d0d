import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  bucketBounds,
  HISTOGRAM_OVERFLOW_BUCKET,
  HISTOGRAM_OVERFLOW_MS,
  histogramBucket,
  histogramCount,
  type LatencyHistogram,
  mergeHistograms,
  percentile,
} from './latency-histogram.js';

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram: LatencyHistogram = {};
  for (const value of values) addToHistogram(histogram, value);
  return histogram;
}

/** The nearest-rank quantile of the raw values, the figure the histogram approximates. */
function exactPercentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('latency histogram buckets', () => {
  it('puts sub-millisecond latencies in bucket 0 and everything from the overflow bound in the last', () => {
    expect(histogramBucket(0)).toBe(0);
    expect(histogramBucket(0.999)).toBe(0);
    expect(histogramBucket(-3)).toBe(0);
    expect(histogramBucket(Number.NaN)).toBe(0);
    expect(histogramBucket(1)).toBe(1);
    expect(histogramBucket(1.099)).toBe(1);
    expect(histogramBucket(1.1)).toBe(2);
    expect(histogramBucket(HISTOGRAM_OVERFLOW_MS - 0.001)).toBe(HISTOGRAM_OVERFLOW_BUCKET - 1);
    expect(histogramBucket(HISTOGRAM_OVERFLOW_MS)).toBe(HISTOGRAM_OVERFLOW_BUCKET);
    expect(histogramBucket(10_000_000)).toBe(HISTOGRAM_OVERFLOW_BUCKET);
  });

  it('places every latency inside its bucket bounds, with contiguous buckets', () => {
    for (let ms = 0.5; ms < 200_000; ms *= 1.013) {
      const { lower, upper } = bucketBounds(histogramBucket(ms));
      expect(ms).toBeGreaterThanOrEqual(lower);
      expect(ms).toBeLessThan(upper);
    }
    for (let bucket = 1; bucket <= HISTOGRAM_OVERFLOW_BUCKET; bucket++) {
      expect(bucketBounds(bucket).lower).toBe(bucketBounds(bucket - 1).upper);
    }
  });

  it('reads back any single latency from 1 ms to the overflow bound within 5 %', () => {
    for (let ms = 1; ms < HISTOGRAM_OVERFLOW_MS; ms *= 1.007) {
      const read = percentile(histogramOf([ms]), 0.5)!;
      expect(Math.abs(read - ms) / ms).toBeLessThanOrEqual(0.05);
    }
  });
});

describe('merging and percentiles', () => {
  it('counts in place and merges by adding counts, leaving the inputs alone', () => {
    const a = histogramOf([5, 5, 40]);
    const b = histogramOf([5, 900]);
    const merged = mergeHistograms(a, b);
    expect(merged[String(histogramBucket(5))]).toBe(3);
    expect(histogramCount(merged)).toBe(5);
    expect(histogramCount(a)).toBe(3);
    expect(merged).toEqual(histogramOf([5, 5, 40, 5, 900]));
  });

  it('is null for an empty histogram and rejects a quantile outside 0…1', () => {
    expect(percentile({}, 0.5)).toBeNull();
    expect(percentile({ '7': 0 }, 0.5)).toBeNull();
    expect(() => percentile(histogramOf([1]), 1.5)).toThrow(RangeError);
    expect(() => percentile(histogramOf([1]), -0.1)).toThrow(RangeError);
  });

  it('uses nearest rank: p50 of 1…100 ms is near 50 ms, p99 near 99 ms, p100 near 100 ms', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const histogram = histogramOf(values);
    for (const q of [0.5, 0.95, 0.99, 1]) {
      const exact = exactPercentile(values, q);
      expect(Math.abs(percentile(histogram, q)! - exact) / exact).toBeLessThanOrEqual(0.05);
    }
    expect(percentile(histogram, 0)).toBeCloseTo(1.0488, 3);
  });

  it('stays within 5 % of the true percentile for a skewed sample merged from parts', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const values = Array.from({ length: 5000 }, () => Math.exp(3 + 2 * random()) + random() * 3);
    const parts = [values.slice(0, 1000), values.slice(1000, 3500), values.slice(3500)];
    const merged = mergeHistograms(...parts.map(histogramOf));
    expect(merged).toEqual(histogramOf(values));
    expect(parts.map(histogramOf).reduce((a, b) => mergeHistograms(a, b), {})).toEqual(merged);
    expect(mergeHistograms()).toEqual({});
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactPercentile(values, q);
      expect(Math.abs(percentile(merged, q)! - exact) / exact).toBeLessThanOrEqual(0.05);
    }
  });

  it('reports sub-millisecond latencies as 0.5 ms and overflowed ones as the bound', () => {
    expect(percentile(histogramOf([0.2]), 0.5)).toBe(0.5);
    expect(percentile(histogramOf([500_000]), 0.5)).toBe(HISTOGRAM_OVERFLOW_MS);
  });
});
