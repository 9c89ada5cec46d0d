import type { CheckClient } from '../clients/check-client.js';
import { collectGarbage } from './force-gc.js';

export interface SegmentCost {
  checks: number;
  failures: number;
  firstError: string | null;
  wallMs: number;
  /** This process's CPU (all threads: JS, GC, libuv), user + system. */
  cpuMs: number;
}

/**
 * Runs `count` checks, `concurrency` at a time, and measures wall time and this
 * process's CPU. The heap is collected first (not measured), so no client pays
 * for collecting another's garbage; a forced collection at the end would add
 * the same fixed cost (marking the bench's own live heap) to every client and
 * pull the ratios towards 1, so the segment ends without one.
 */
export async function runChecks(
  client: CheckClient,
  url: string,
  count: number,
  concurrency: number,
): Promise<SegmentCost> {
  let started = 0;
  let failures = 0;
  let firstError: string | null = null;
  const worker = async () => {
    while (started < count) {
      started++;
      try {
        await client.check(url);
      } catch (error) {
        failures++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  collectGarbage();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  return { checks: count, failures, firstError, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
