import type { StoredResult } from '@mcpulse/contract';

/** Columns in uPlot's layout: x (unix seconds) first, then one array per series, null for no point. */
export type Columns = [number[], ...(number | null)[][]];

/**
 * The parts of a check's time in the order they happen, each with its own
 * colour (`--phase-N`); with `otherMs` they add up to `totalMs` (docs/probe.md).
 * `toolCallMs` is the monitor's tool-call canary, null without one.
 */
export const PHASES = [
  { key: 'dnsMs', label: 'DNS', tone: 0 },
  { key: 'connectMs', label: 'Connect', tone: 1 },
  { key: 'tlsMs', label: 'TLS', tone: 2 },
  { key: 'negotiationMs', label: 'Era negotiation', tone: 5 },
  { key: 'handshakeMs', label: 'Handshake', tone: 3 },
  { key: 'toolsListMs', label: 'tools/list', tone: 4 },
  { key: 'toolCallMs', label: 'Tool call', tone: 7 },
  { key: 'otherMs', label: 'Other', tone: 6 },
] as const;

/** A check that answered, so its time is a latency: not a failure, and not a skipped slot. */
function isAnswered(result: StoredResult): boolean {
  return result.status === 'up' || result.status === 'degraded';
}

export function regionsOf(results: StoredResult[]): string[] {
  return [...new Set(results.map((result) => result.region))].sort();
}

/** Total check time per region over time; a failed or skipped check is a gap, not a latency. */
export function latencyByRegion(results: StoredResult[], regions: string[]): Columns {
  const times = [...new Set(results.map((result) => Date.parse(result.slot) / 1000))].sort((a, b) => a - b);
  const index = new Map(times.map((time, i) => [time, i]));
  const series = regions.map(() => new Array<number | null>(times.length).fill(null));
  for (const result of results) {
    const column = regions.indexOf(result.region);
    const row = index.get(Date.parse(result.slot) / 1000);
    if (column < 0 || row === undefined || !isAnswered(result)) continue;
    (series[column] as (number | null)[])[row] = result.timings.totalMs;
  }
  return [times, ...series];
}

/**
 * The phases of each answered check of one region, stacked: each series is
 * the running total up to its phase, so the filled bands read as the
 * breakdown and the top line is the check's total time.
 */
export function phasesOfRegion(results: StoredResult[], region: string): Columns {
  const answered = results
    .filter((result) => result.region === region && isAnswered(result))
    .sort((a, b) => Date.parse(a.slot) - Date.parse(b.slot));
  const times = answered.map((result) => Date.parse(result.slot) / 1000);
  const stacks = PHASES.map(() => [] as (number | null)[]);
  for (const result of answered) {
    let total = 0;
    PHASES.forEach((phase, i) => {
      total += result.timings[phase.key] ?? 0;
      (stacks[i] as (number | null)[]).push(total);
    });
  }
  return [times, ...stacks];
}
