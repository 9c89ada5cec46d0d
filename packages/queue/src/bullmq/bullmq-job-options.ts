import type { JobsOptions } from 'bullmq';
import type { ResolvedJobOptions } from '../job-options.js';
import { encodeJobId } from './bullmq-names.js';

const DAY_S = 86_400;
/** Failed jobs are kept to debug them, but a queue failing in bulk must not fill Redis. */
export const KEEP_FAILED = { age: 3 * DAY_S, count: 1_000 } as const;

/**
 * Every job is removed as soon as it completes: a finished job's data is of no use, and kept for
 * a dedupe window it was most of Redis's memory (hundreds of MB at 20,000 monitors). An id that
 * must still deduplicate leaves only a deduplication key behind (BullMQ's throttle mode: a key
 * with a TTL, counted from the add), alive until the window has passed after the job was due.
 */
export function toBullmqJobOptions(options: ResolvedJobOptions): JobsOptions {
  const { jobId, dedupeWindowMs, delayMs, attempts, backoff } = options;
  const id = jobId === undefined ? undefined : encodeJobId(jobId);
  return {
    ...(id === undefined ? {} : { jobId: id }),
    // Without a window the key lives as long as the job (simple mode), so this add still checks the
    // keys that jobs added with a window left behind.
    ...(id === undefined
      ? {}
      : { deduplication: dedupeWindowMs === 0 ? { id } : { id, ttl: delayMs + dedupeWindowMs } }),
    delay: delayMs,
    attempts,
    ...(backoff === undefined ? {} : { backoff: { type: backoff.type, delay: backoff.delayMs } }),
    removeOnComplete: true,
    removeOnFail: KEEP_FAILED,
  };
}
