import type { JobsOptions } from 'bullmq';
import type { ResolvedJobOptions } from '../job-options.js';
import { encodeJobId } from './bullmq-names.js';

const DAY_S = 86_400;
const KEEP_FAILED = { age: 7 * DAY_S, count: 10_000 };

/**
 * Jobs without an id are removed as soon as they complete; jobs with one are kept for the dedupe
 * window, since a removed id could be added again.
 */
export function toBullmqJobOptions(options: ResolvedJobOptions, dedupeWindowMs: number): JobsOptions {
  const { jobId, delayMs, attempts, backoff } = options;
  return {
    ...(jobId === undefined ? {} : { jobId: encodeJobId(jobId) }),
    delay: delayMs,
    attempts,
    ...(backoff === undefined ? {} : { backoff: { type: backoff.type, delay: backoff.delayMs } }),
    removeOnComplete: jobId === undefined ? true : { age: Math.ceil(dedupeWindowMs / 1000) },
    removeOnFail: KEEP_FAILED,
  };
}
