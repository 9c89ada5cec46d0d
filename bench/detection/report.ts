import type { DetectionMode } from './cli-args.js';
import type { OutageFigures } from './run-outages.js';

export interface Target {
  what: string;
  figure: (outages: OutageFigures[]) => number;
  limitMs: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const downs = (outages: OutageFigures[]) => outages.map((outage) => outage.downMs);
const ups = (outages: OutageFigures[]) => outages.map((outage) => outage.upMs);

/** The targets (issue 10, "Fast, honest confirmation"). */
export const TARGETS: Record<DetectionMode, Target[]> = {
  embedded: [
    { what: 'kill → monitor.down, p50', figure: (o) => median(downs(o)), limitMs: 45_000 },
    { what: 'kill → monitor.down, max', figure: (o) => Math.max(...downs(o)), limitMs: 80_000 },
    { what: 'restart → monitor.up, p50', figure: (o) => median(ups(o)), limitMs: 45_000 },
  ],
  distributed: [{ what: 'kill → monitor.down, p50', figure: (o) => median(downs(o)), limitMs: 30_000 }],
};

export function summary(outages: OutageFigures[]) {
  const figures = (values: number[]) => ({
    p50: median(values),
    p90: percentile(values, 90),
    min: Math.min(...values),
    max: Math.max(...values),
  });
  return { outages: outages.length, down: figures(downs(outages)), up: figures(ups(outages)) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function printMode(mode: DetectionMode, outages: OutageFigures[]): boolean {
  const { down, up } = summary(outages);
  console.log(`\n${mode} mode, ${outages.length} outages (one per monitor, all at once)`);
  console.log('                       p50       p90       min       max');
  for (const [label, values] of [
    ['kill → monitor.down', down],
    ['restart → monitor.up', up],
  ] as const) {
    console.log(
      `${label.padEnd(22)} ${[values.p50, values.p90, values.min, values.max].map((v) => seconds(v).padStart(9)).join(' ')}`,
    );
  }
  let met = true;
  for (const target of TARGETS[mode]) {
    const value = target.figure(outages);
    const ok = value <= target.limitMs;
    met &&= ok;
    console.log(
      `  ${ok ? 'ok  ' : 'FAIL'} ${target.what}: ${seconds(value)} (target ≤ ${seconds(target.limitMs)})`,
    );
  }
  return met;
}
