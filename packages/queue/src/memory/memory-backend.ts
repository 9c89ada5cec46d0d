import { createLogger, type Logger } from '@mcpulse/config';
import type { z } from 'zod';
import { consumeInBatches } from '../batch/consume-in-batches.js';
import { resolveConsumerOptions } from '../consumer-options.js';
import { QueueClosed } from '../errors.js';
import { parseJobData } from '../job-data.js';
import { resolveJobOptions } from '../job-options.js';
import { OpenConsumers } from '../open-consumers.js';
import { assertQueueName } from '../queue-name.js';
import type { JobHandler, JobOptions, Producer, QueueBackend } from '../types.js';
import { MemoryConsumer } from './memory-consumer.js';
import { MemoryQueue } from './memory-queue.js';

export interface MemoryBackendOptions {
  logger?: Logger;
  /** How long after it was due a finished job's id still deduplicates, unless its producer says. Defaults to one hour. */
  dedupeWindowMs?: number;
}

const HOUR_MS = 3_600_000;

/** The queue for the embedded mode: BullMQ's semantics in process, with nothing kept across restarts. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): QueueBackend {
  const logger = options.logger ?? createLogger({ name: 'queue' });
  const dedupeWindowMs = options.dedupeWindowMs ?? HOUR_MS;
  const queues = new Map<string, MemoryQueue>();
  const consumers = new OpenConsumers();
  const beats = new Map<string, Date>();
  let closed = false;

  function queueNamed(name: string): MemoryQueue {
    assertQueueName(name);
    if (closed) throw new QueueClosed(name);
    let queue = queues.get(name);
    if (!queue) {
      queue = new MemoryQueue(name);
      queues.set(name, queue);
    }
    return queue;
  }

  function consume<T>(name: string, schema: z.ZodType<T>, handler: JobHandler<T>, concurrency: number) {
    const queue = queueNamed(name);
    const consumer = new MemoryConsumer(queue, schema, handler, concurrency, logger);
    queue.attach(consumer);
    return consumer;
  }

  return {
    producer<T>(name: string, schema: z.ZodType<T>, defaults?: JobOptions): Producer<T> {
      const queue = queueNamed(name);
      // Copied through JSON, as BullMQ stores it, so a job never shares objects with its producer.
      const prepare = (data: T, jobOptions: JobOptions | undefined) => ({
        data: jsonCopy(parseJobData(name, schema, data)),
        options: resolveJobOptions(defaults, jobOptions, dedupeWindowMs),
      });
      return {
        async add(data, jobOptions) {
          const job = prepare(data, jobOptions);
          queue.add(job.data, job.options);
        },
        async addBulk(items) {
          const jobs = items.map((item) => prepare(item.data, item.options));
          for (const job of jobs) queue.add(job.data, job.options);
        },
      };
    },

    consume(name, schema, handler, consumerOptions) {
      const { concurrency } = resolveConsumerOptions(consumerOptions);
      return consumers.track(consume(name, schema, handler, concurrency));
    },

    consumeBatch(name, schema, handler, batchOptions) {
      const batches = consumeInBatches(
        name,
        (jobHandler, { concurrency }) => consume(name, schema, jobHandler, concurrency),
        handler,
        batchOptions,
        logger,
      );
      return consumers.track(batches);
    },

    async depth(name) {
      assertQueueName(name);
      return queues.get(name)?.depth() ?? { waiting: 0, delayed: 0, active: 0 };
    },

    async oldestWaiting(name) {
      assertQueueName(name);
      return queues.get(name)?.oldestWaiting() ?? null;
    },

    async beat(name) {
      assertQueueName(name, 'beat name');
      if (closed) throw new QueueClosed();
      beats.set(name, new Date());
    },

    async beats() {
      if (closed) throw new QueueClosed();
      return new Map(beats);
    },

    async ping() {
      if (closed) throw new QueueClosed();
    },

    async close() {
      if (closed) return;
      closed = true;
      await consumers.closeAll();
      for (const queue of queues.values()) queue.close();
    },
  };
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
