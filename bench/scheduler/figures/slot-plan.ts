import { dueSlots } from '@mcpulse/engine';
import type { BenchMonitor } from '../setup/bench-database.js';

/**
 * How many checks the scheduler owed in `(fromMs, toMs]`, from the very
 * function it plans with: every monitor's slots in every one of its regions.
 */
export function scheduledChecks(monitors: readonly BenchMonitor[], fromMs: number, toMs: number): number {
  let count = 0;
  for (const monitor of monitors) count += dueSlots(monitor, fromMs, toMs).length;
  return count;
}
