import type { SparklinePoint } from '@mcpulse/contract';
import { formatMs } from './format.js';

export const SPARKLINE_WIDTH = 120;
export const SPARKLINE_HEIGHT = 28;
/** Room at either end, so a point on the edge is drawn whole. */
const INSET = 2;

export type SparklineShape =
  /** Too little to draw a line: say so in words. */
  | { kind: 'words'; text: string; label: string }
  | {
      kind: 'line';
      path: string;
      /** Points with no neighbour, which a path alone would not show. */
      dots: { x: number; y: number; key: string }[];
      /** x of each hour with failed checks. */
      downs: { x: number; key: string }[];
      label: string;
    };

/**
 * What the 24-hour latency sparkline shows. With two hours of latency or
 * more it is a line, each hour at its place on the 24-hour axis; with fewer
 * it says in words that data is being collected, rather than drawing a dot.
 */
export function sparklineShape(points: SparklinePoint[], paused = false): SparklineShape {
  const values = points.map((point) => point.p50Ms);
  const known = values.filter((value): value is number => value !== null);
  const checks = points.reduce((sum, point) => sum + point.checks, 0);
  if (known.length === 0) {
    if (checks > 0)
      return {
        kind: 'words',
        text: 'no latency data',
        label: `${checks} checks in the last 24 hours, none with a latency`,
      };
    const text = paused ? 'paused' : 'collecting data';
    return { kind: 'words', text, label: `No checks in the last 24 hours: ${text}` };
  }
  if (known.length === 1) {
    const ms = formatMs(known[0]);
    return {
      kind: 'words',
      text: `collecting data · ${ms}`,
      label: `Median latency ${ms} in the only hour with checks so far; the 24-hour line starts with the second hour`,
    };
  }
  const max = Math.max(...known) || 1;
  const step = (SPARKLINE_WIDTH - 2 * INSET) / Math.max(points.length - 1, 1);
  const x = (index: number) => INSET + index * step;
  const y = (value: number) => SPARKLINE_HEIGHT - 4 - (value / max) * (SPARKLINE_HEIGHT - 8);
  let path = '';
  const dots: { x: number; y: number; key: string }[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    const before = values[index - 1] ?? null;
    const after = values[index + 1] ?? null;
    path += `${before === null ? 'M' : 'L'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    if (before === null && after === null)
      dots.push({ x: x(index), y: y(value), key: points[index]?.bucketStart ?? String(index) });
  });
  const downs = points.flatMap((point, index) =>
    point.down > 0 ? [{ x: x(index), key: point.bucketStart }] : [],
  );
  const label = `Median latency over 24 hours, from ${formatMs(Math.min(...known))} to ${formatMs(max)}${
    downs.length > 0 ? `; failed checks in ${downs.length} of the hours` : ''
  }`;
  return { kind: 'line', path, dots, downs, label };
}
