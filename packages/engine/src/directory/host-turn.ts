import type { ProbeJob } from '../job-catalog.js';

/**
 * How long after its slot a directory check may still wait for its host's turn. A host listed more
 * often than its spacing allows cannot have every check on time; the ones that cannot start within
 * this are skipped (a `skipped` row saying why) rather than run late under a slot they did not run at.
 */
export const DIRECTORY_HOST_WAIT_MS = 60_000;

/** A turn is held at most this much longer than the check's own deadline: a dead worker frees its host after it. */
export const HOST_LEASE_MARGIN_MS = 5_000;

/**
 * What to do with a directory check whose host is busy for `retryAfterMs` more: try again then
 * (`deferMs`, with a little jitter so the checks waiting for one host do not all come back at once),
 * or give up on it when that is past the wait it may have.
 */
export function busyHostVerdict(
  job: Pick<ProbeJob, 'slot' | 'intervalSeconds'>,
  retryAfterMs: number,
  nowMs: number,
  random: () => number = Math.random,
): { deferMs: number } | { skip: string } {
  const limitMs = Math.min(DIRECTORY_HOST_WAIT_MS, (job.intervalSeconds ?? Number.POSITIVE_INFINITY) * 1000);
  const deferMs = Math.ceil(retryAfterMs + random() * 200);
  if (nowMs + deferMs - Date.parse(job.slot) > limitMs)
    return {
      skip: `its host was busy with other directory checks for more than ${Math.round(limitMs / 1000)} s after this check's slot (one check per host at a time)`,
    };
  return { deferMs };
}
