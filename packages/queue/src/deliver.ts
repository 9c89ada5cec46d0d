import type { Logger } from '@mcpulse/config';
import type { z } from 'zod';
import { BatchFailed } from './batch/batch-failed.js';
import { InvalidJobData, PermanentJobError } from './errors.js';
import { parseJobData } from './job-data.js';
import { toError } from './to-error.js';
import type { JobHandler } from './types.js';

/** A job as a backend hands it over, before its data is checked. */
export interface Delivery {
  id: string;
  data: unknown;
  attempt: number;
  attempts: number;
  enqueuedAt: number;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: Error; retry: boolean };

/** Runs one job through its handler: the part of consuming both backends share. */
export async function deliver<T>(
  queue: string,
  schema: z.ZodType<T>,
  handler: JobHandler<T>,
  delivery: Delivery,
  logger: Logger,
): Promise<DeliveryOutcome> {
  const { id, attempt, enqueuedAt } = delivery;
  try {
    const data = parseJobData(queue, schema, delivery.data);
    await handler({ id, name: queue, data, attempt, enqueuedAt });
    return { ok: true };
  } catch (thrown) {
    const error = toError(thrown);
    const retry = attempt < delivery.attempts && !isPermanent(error);
    if (!(error instanceof BatchFailed)) {
      logger.warn({ queue, jobId: id, attempt, err: error }, retry ? 'job failed, will retry' : 'job failed');
    }
    return { ok: false, error, retry };
  }
}

// Data that fails its schema now will fail it on every retry too.
function isPermanent(error: Error): boolean {
  return (
    error instanceof PermanentJobError ||
    error instanceof InvalidJobData ||
    (error instanceof BatchFailed && error.permanent)
  );
}
