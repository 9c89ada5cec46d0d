import type { CheckRecord } from '@mcpulse/testkit';

/** A check as the bench saw it come back on the results queue. */
export interface SeenCheck {
  monitorId: string;
  slotMs: number;
  /** When the probe started it; null for a skipped check. */
  startedMs: number | null;
}

export interface OnTimeFigures {
  planned: number;
  onTime: number;
  late: number;
  skipped: number;
  missing: number;
  onTimeShare: number;
  latenessMs: { p50: number; p99: number; max: number };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Every planned check of the window against what came back: on time, late, skipped or missing. */
export function onTimeFigures(
  planned: ReadonlySet<string>,
  seen: readonly SeenCheck[],
  toleranceMs: number,
): OnTimeFigures {
  const bySlot = new Map(seen.map((check) => [`${check.monitorId}|${check.slotMs}`, check]));
  let onTime = 0;
  let late = 0;
  let skipped = 0;
  let missing = 0;
  const lateness: number[] = [];
  for (const key of planned) {
    const check = bySlot.get(key);
    if (!check) missing++;
    else if (check.startedMs === null) skipped++;
    else {
      const ms = check.startedMs - check.slotMs;
      lateness.push(ms);
      if (ms <= toleranceMs) onTime++;
      else late++;
    }
  }
  lateness.sort((a, b) => a - b);
  return {
    planned: planned.size,
    onTime,
    late,
    skipped,
    missing,
    onTimeShare: planned.size === 0 ? 0 : onTime / planned.size,
    latenessMs: { p50: quantile(lateness, 0.5), p99: quantile(lateness, 0.99), max: lateness.at(-1) ?? 0 },
  };
}

export interface HostFigures {
  checks: number;
  maxConcurrentPerHost: number;
  /** The least rest any host had between two checks, by its own clock. */
  leastSpacingMs: number | null;
  userAgents: string[];
}

export function hostFigures(records: readonly CheckRecord[]): HostFigures {
  let leastSpacingMs: number | null = null;
  for (const record of records)
    if (record.leastGapMs !== null) leastSpacingMs = Math.min(leastSpacingMs ?? Infinity, record.leastGapMs);
  return {
    checks: records.reduce((sum, record) => sum + record.checks, 0),
    maxConcurrentPerHost: Math.max(0, ...records.map((record) => record.maxConcurrent)),
    leastSpacingMs,
    userAgents: [...new Set(records.flatMap((record) => record.userAgents))],
  };
}
