import type { SparklinePoint } from '@mcpulse/contract';
import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH, sparklineShape } from '../lib/sparkline-shape.js';

/** 24 hourly median latencies as a line; hours with failed checks are marked below it. */
export function Sparkline({ points, paused = false }: { points: SparklinePoint[]; paused?: boolean }) {
  const shape = sparklineShape(points, paused);
  if (shape.kind === 'words') {
    return (
      <span className="sparkline-empty" role="img" aria-label={shape.label} title={shape.label}>
        {shape.text}
      </span>
    );
  }
  return (
    <svg
      className="sparkline"
      width={SPARKLINE_WIDTH}
      height={SPARKLINE_HEIGHT}
      viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`}
      role="img"
      aria-label={shape.label}
    >
      <path d={shape.path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      {shape.dots.map((dot) => (
        <circle key={dot.key} cx={dot.x} cy={dot.y} r="2" fill="currentColor" />
      ))}
      {shape.downs.map((down) => (
        <rect
          key={down.key}
          className="sparkline-down"
          x={down.x - 1.5}
          y={SPARKLINE_HEIGHT - 3}
          width="3"
          height="3"
        />
      ))}
    </svg>
  );
}
