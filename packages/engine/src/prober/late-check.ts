import type { ProbeJob } from '../job-catalog.js';

/**
 * Why a check picked up at `nowMs` must not be probed, or null when it may be. A check more than
 * its monitor's interval late (its region's worker was down, or so far behind that the next slot
 * has come) says nothing about its slot any more: probed now, it would be stored under a time it
 * did not run at, and a worker back from an outage would fire every missed check at once. The
 * next slot is the check that counts. A job without an interval (from an older release) is
 * probed however late.
 */
export function lateCheckReason(
  job: Pick<ProbeJob, 'slot' | 'intervalSeconds'>,
  nowMs: number,
): string | null {
  if (job.intervalSeconds === undefined) return null;
  const lateMs = nowMs - Date.parse(job.slot);
  if (!(lateMs > job.intervalSeconds * 1000)) return null;
  return `picked up ${Math.round(lateMs / 1000)} s after its slot, more than the ${job.intervalSeconds} s interval: the region's worker was down or behind`;
}
