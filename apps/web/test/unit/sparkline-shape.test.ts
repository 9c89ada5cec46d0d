import type { SparklinePoint } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { SPARKLINE_WIDTH, sparklineShape } from '../../src/lib/sparkline-shape.js';

const START = Date.parse('2026-11-26T00:00:00Z');

/** 24 hourly buckets, as the overview sends them, with the given medians (null: no latency). */
function day(medians: Record<number, number | null>, checks = 4): SparklinePoint[] {
  return Array.from({ length: 24 }, (_, hour) => {
    const p50Ms = medians[hour] ?? null;
    return {
      bucketStart: new Date(START + hour * 3_600_000).toISOString(),
      p50Ms,
      checks: hour in medians ? checks : 0,
      down: 0,
    };
  });
}

describe('the 24-hour sparkline', () => {
  it('says it is collecting data before the first check, not "no data" as if something were wrong', () => {
    expect(sparklineShape(day({}))).toMatchObject({ kind: 'words', text: 'collecting data' });
    expect(sparklineShape([])).toMatchObject({ kind: 'words', text: 'collecting data' });
    expect(sparklineShape(day({}), true)).toMatchObject({ kind: 'words', text: 'paused' });
  });

  it('shows the one latency of a new monitor in words instead of a lone dot', () => {
    const shape = sparklineShape(day({ 23: 87 }));
    expect(shape).toEqual({
      kind: 'words',
      text: 'collecting data · 87 ms',
      label: expect.stringContaining('Median latency 87 ms in the only hour with checks so far'),
    });
  });

  it('says when checks ran but none measured a latency', () => {
    expect(sparklineShape(day({ 22: null, 23: null }))).toMatchObject({
      kind: 'words',
      text: 'no latency data',
    });
  });

  it('draws a line from two hours on, each hour at its place on the 24-hour axis, inside the box', () => {
    const shape = sparklineShape(day({ 22: 100, 23: 50 }));
    if (shape.kind !== 'line') throw new Error(`expected a line, got ${shape.kind}`);
    const xs = [...shape.path.matchAll(/[ML]([\d.]+),/g)].map((match) => Number(match[1]));
    expect(xs).toHaveLength(2);
    expect(xs[1]).toBeCloseTo(SPARKLINE_WIDTH - 2, 1);
    expect(xs[0]).toBeCloseTo(2 + 22 * ((SPARKLINE_WIDTH - 4) / 23), 1);
    expect(shape.path.startsWith('M')).toBe(true);
    expect(shape.path.slice(1)).toContain('L');
    expect(shape.dots).toEqual([]);
    expect(shape.label).toBe('Median latency over 24 hours, from 50 ms to 100 ms');
  });

  it('marks isolated hours with a dot and hours with failed checks below the line', () => {
    const points = day({ 0: 10, 5: 20, 6: 30 });
    (points[5] as SparklinePoint).down = 1;
    const shape = sparklineShape(points);
    if (shape.kind !== 'line') throw new Error('expected a line');
    expect(shape.dots.map((dot) => dot.key)).toEqual([points[0]?.bucketStart]);
    expect(shape.downs.map((down) => down.key)).toEqual([points[5]?.bucketStart]);
    expect(shape.label).toContain('failed checks in 1 of the hours');
  });
});
