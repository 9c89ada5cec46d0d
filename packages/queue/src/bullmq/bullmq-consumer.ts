import type { Logger } from '@mcpulse/config';
import { UnrecoverableError, Worker } from 'bullmq';
import type { z } from 'zod';
import type { ResolvedConsumerOptions } from '../consumer-options.js';
import { deliver } from '../deliver.js';
import type { Consumer, JobHandler } from '../types.js';
import { bullmqAddress, decodeJobId } from './bullmq-names.js';
import { createRedisClient } from './redis-client.js';

export interface BullmqConsumerContext {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Errors that are not plain loss of connection (those are reported once, by the connection). */
  reportError: (error: Error) => void;
  reportConnectionError: (error: Error) => void;
}

/**
 * A BullMQ Worker with a connection of its own (BullMQ adds a second one for blocking reads).
 * The stalled check runs as often as a lock lasts, so a dead consumer's jobs come back within about
 * two lock periods.
 */
export function startBullmqConsumer<T>(
  queue: string,
  schema: z.ZodType<T>,
  handler: JobHandler<T>,
  { concurrency, lockMs }: ResolvedConsumerOptions,
  context: BullmqConsumerContext,
): Consumer {
  const { prefix, name } = bullmqAddress(context.prefix, queue);
  const connection = createRedisClient(
    context.redisUrl,
    'consumer',
    `${context.prefix}:consumer:${queue}`,
    context.reportConnectionError,
  );
  const worker = new Worker(
    name,
    async (job) => {
      const outcome = await deliver(
        queue,
        schema,
        handler,
        {
          id: decodeJobId(job.id ?? ''),
          data: job.data,
          attempt: job.attemptsMade + 1,
          attempts: job.opts.attempts ?? 1,
          enqueuedAt: job.timestamp,
        },
        context.logger,
      );
      if (outcome.ok) return;
      throw outcome.retry ? outcome.error : new UnrecoverableError(outcome.error.message);
    },
    { connection, prefix, concurrency, lockDuration: lockMs, stalledInterval: lockMs },
  );
  worker.on('error', context.reportError);

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= worker.close().finally(() => connection.disconnect());
      return closing;
    },
  };
}
