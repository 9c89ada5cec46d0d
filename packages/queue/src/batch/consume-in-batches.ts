import type { Logger } from '@mcpulse/config';
import type { ResolvedConsumerOptions } from '../consumer-options.js';
import { resolveBatchOptions } from '../consumer-options.js';
import type { BatchConsumerOptions, BatchHandler, Consumer, JobHandler } from '../types.js';
import { BatchCollector } from './batch-collector.js';

/**
 * A batch consumer built on a backend's per-job consumer, with as many jobs in flight as a batch holds.
 * Each job stays claimed (locked, in BullMQ) until its batch is handled, so a crash mid-batch puts
 * the whole batch back, and retries, backoff and graceful close come from the per-job consumer.
 */
export function consumeInBatches<T>(
  queue: string,
  consume: (handler: JobHandler<T>, options: ResolvedConsumerOptions) => Consumer,
  handler: BatchHandler<T>,
  options: BatchConsumerOptions,
  logger: Logger,
): Consumer {
  const { maxBatch, maxWaitMs, lockMs } = resolveBatchOptions(options);
  const collector = new BatchCollector(queue, handler, maxBatch, maxWaitMs, logger);
  const consumer = consume((job) => collector.add(job), { concurrency: maxBatch, lockMs });
  return {
    async close() {
      const closing = consumer.close();
      collector.drain();
      await closing;
    },
  };
}
