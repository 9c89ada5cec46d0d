import type { SparklinePoint } from '../api/types.js';
import { formatMs } from '../lib/format.js';

const WIDTH = 120;
const HEIGHT = 28;

/** 24 hourly median latencies as a line; hours with failed checks are marked below it. */
export function Sparkline({ points }: { points: SparklinePoint[] }) {
  const values = points.map((point) => point.p50Ms);
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) {
    return (
      <span className="sparkline-empty" role="img" aria-label="No latency data in the last 24 hours">
        no data yet
      </span>
    );
  }
  const max = Math.max(...known) || 1;
  const step = WIDTH / Math.max(points.length - 1, 1);
  const y = (value: number) => HEIGHT - 4 - (value / max) * (HEIGHT - 8);
  let path = '';
  values.forEach((value, index) => {
    if (value === null) return;
    const previous = values[index - 1];
    path += `${previous === null || previous === undefined ? 'M' : 'L'}${(index * step).toFixed(1)},${y(value).toFixed(1)}`;
  });
  const downHours = points.filter((point) => point.down > 0).length;
  const label = `Median latency over 24 hours, from ${formatMs(Math.min(...known))} to ${formatMs(max)}${
    downHours > 0 ? `; failed checks in ${downHours} of the hours` : ''
  }`;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      {values.map((value, index) => {
        // A point with no neighbour draws no line: show it as a dot.
        const alone =
          value !== null && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null;
        return alone ? (
          <circle
            key={points[index]?.bucketStart}
            cx={index * step}
            cy={y(value)}
            r="2"
            fill="currentColor"
          />
        ) : null;
      })}
      {points.map((point, index) =>
        point.down > 0 ? (
          <rect
            key={point.bucketStart}
            className="sparkline-down"
            x={index * step - 1.5}
            y={HEIGHT - 3}
            width="3"
            height="3"
          />
        ) : null,
      )}
    </svg>
  );
}
