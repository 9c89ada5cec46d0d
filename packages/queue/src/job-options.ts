import { z } from 'zod';
import { parseOptions } from './parse-options.js';
import type { JobOptions } from './types.js';

const jobOptionsSchema = z.strictObject({
  jobId: z.string().min(1).optional(),
  dedupeWindowMs: z.number().int().min(0).optional(),
  delayMs: z.number().int().min(0).default(0),
  attempts: z.number().int().min(1).default(1),
  backoff: z
    .strictObject({ type: z.enum(['exponential', 'fixed']), delayMs: z.number().int().min(0) })
    .optional(),
});

export type ResolvedJobOptions = Omit<z.output<typeof jobOptionsSchema>, 'dedupeWindowMs'> & {
  dedupeWindowMs: number;
};
export type Backoff = NonNullable<ResolvedJobOptions['backoff']>;

/**
 * Per-job options over the producer's defaults, over the backend's dedupe window, checked so both
 * backends reject the same mistakes.
 */
export function resolveJobOptions(
  defaults: JobOptions | undefined,
  options: JobOptions | undefined,
  backendDedupeWindowMs: number,
): ResolvedJobOptions {
  const resolved = parseOptions(jobOptionsSchema, { ...defaults, ...options }, 'job options');
  return { ...resolved, dedupeWindowMs: resolved.dedupeWindowMs ?? backendDedupeWindowMs };
}

/** The wait before the next try, after `failures` failed tries; matches BullMQ's built-in strategies. */
export function backoffDelay(backoff: Backoff | undefined, failures: number): number {
  if (backoff === undefined) return 0;
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(2 ** (failures - 1) * backoff.delayMs);
}
