import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  bucketBounds,
  HISTOGRAM_OVERFLOW_BUCKET,
  HISTOGRAM_OVERFLOW_MS,
  HistogramSum,
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

describe('HistogramSum', () => {
  const values = Array.from({ length: 3000 }, (_, i) => 2 + ((i * 7919) % 2500) * ((i % 3) + 1));
  const parts = [values.slice(0, 700), values.slice(700, 2100), values.slice(2100)].map(histogramOf);

  it('reads the same percentiles from a sum of parts as from their merge', () => {
    const sum = new HistogramSum();
    for (const part of parts) sum.add(part);
    const merged = mergeHistograms(...parts);
    expect(sum.count).toBe(values.length);
    for (const q of [0, 0.01, 0.5, 0.9, 0.95, 0.99, 1]) expect(sum.percentile(q)).toBe(percentile(merged, q));
  });

  it('adds another sum as if its histograms were added one by one', () => {
    const whole = new HistogramSum().add(parts[0]!).add(parts[1]!).add(parts[2]!);
    const split = new HistogramSum().add(parts[0]!).addSum(new HistogramSum().add(parts[1]!).add(parts[2]!));
    expect(split.count).toBe(whole.count);
    for (const q of [0, 0.25, 0.5, 0.75, 0.99, 1]) expect(split.percentile(q)).toBe(whole.percentile(q));
  });

  it('starts again empty after clear()', () => {
    const sum = new HistogramSum().add(parts[0]!);
    expect(sum.clear().count).toBe(0);
    expect(sum.percentile(0.5)).toBeNull();
    expect(sum.add(histogramOf([40])).percentile(0.5)).toBe(percentile(histogramOf([40]), 0.5));
  });

  it('ignores empty buckets and counts keys outside the range in the nearest end bucket', () => {
    const sum = new HistogramSum().add({ '-4': 1, '9999': 1, '12': 0 });
    expect(sum.count).toBe(2);
    expect(sum.percentile(0.5)).toBe(0.5);
    expect(sum.percentile(1)).toBe(HISTOGRAM_OVERFLOW_MS);
    expect(() => sum.percentile(2)).toThrow(RangeError);
  });
});
