import { once } from 'node:events';
import { createLogger, type Logger } from '@mcpulse/config';
import { isNotConnectionError, Queue } from 'bullmq';
import type { z } from 'zod';
import { consumeInBatches } from '../batch/consume-in-batches.js';
import { resolveConsumerOptions } from '../consumer-options.js';
import { QueueClosed } from '../errors.js';
import { parseJobData } from '../job-data.js';
import { resolveJobOptions } from '../job-options.js';
import { OpenConsumers } from '../open-consumers.js';
import { assertQueueName } from '../queue-name.js';
import type { JobOptions, Producer, QueueBackend } from '../types.js';
import { type BullmqConsumerContext, startBullmqConsumer } from './bullmq-consumer.js';
import { toBullmqJobOptions } from './bullmq-job-options.js';
import { bullmqAddress } from './bullmq-names.js';
import { createRedisClient } from './redis-client.js';

export interface BullmqBackendOptions {
  redisUrl: string;
  /** Every key starts with it, so deployments (and test files) can share one Redis. */
  prefix: string;
  logger?: Logger;
  /** Hears every Redis and BullMQ error, besides the log. */
  onError?: (error: Error) => void;
  /** How long after it was due a finished job's id still deduplicates, unless its producer says. Defaults to one hour. */
  dedupeWindowMs?: number;
}

const HOUR_MS = 3_600_000;
const PING_READY_WAIT_MS = 1_000;

export function createBullmqBackend(options: BullmqBackendOptions): QueueBackend {
  const logger = options.logger ?? createLogger({ name: 'queue' });
  const dedupeWindowMs = options.dedupeWindowMs ?? HOUR_MS;
  const reportConnectionError = (error: Error) => {
    logger.error({ err: error }, 'redis connection error');
    options.onError?.(error);
  };
  // Queues and Workers repeat their connections' errors; those are reported once, by the connection.
  const reportError = (error: Error) => {
    if (isNotConnectionError(error)) reportConnectionError(error);
  };
  const context: BullmqConsumerContext = {
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger,
    reportError,
    reportConnectionError,
  };
  const producerConnection = createRedisClient(
    options.redisUrl,
    'producer',
    `${options.prefix}:producer`,
    reportConnectionError,
  );
  const queues = new Map<string, Queue>();
  const consumers = new OpenConsumers();
  /** One hash for the whole prefix: a handful of names, each overwritten on every beat. */
  const beatsKey = `${options.prefix}:beats`;
  let closed = false;

  // The producer connection fails fast while it is down; a call just after start waits for it briefly.
  async function connected(): Promise<void> {
    if (closed) throw new QueueClosed();
    if (producerConnection.status !== 'ready') {
      await once(producerConnection, 'ready', { signal: AbortSignal.timeout(PING_READY_WAIT_MS) });
    }
  }

  function queueNamed(name: string): Queue {
    assertQueueName(name);
    if (closed) throw new QueueClosed(name);
    let queue = queues.get(name);
    if (!queue) {
      const address = bullmqAddress(options.prefix, name);
      queue = new Queue(address.name, { connection: producerConnection, prefix: address.prefix });
      queue.on('error', reportError);
      queues.set(name, queue);
    }
    return queue;
  }

  return {
    producer<T>(name: string, schema: z.ZodType<T>, defaults?: JobOptions): Producer<T> {
      const queue = queueNamed(name);
      const prepare = (data: T, jobOptions: JobOptions | undefined) => ({
        name,
        data: parseJobData(name, schema, data),
        opts: toBullmqJobOptions(resolveJobOptions(defaults, jobOptions, dedupeWindowMs)),
      });
      return {
        async add(data, jobOptions) {
          const job = prepare(data, jobOptions);
          await queue.add(job.name, job.data, job.opts);
        },
        async addBulk(items) {
          if (items.length === 0) return;
          await queue.addBulk(items.map((item) => prepare(item.data, item.options)));
        },
      };
    },

    consume(name, schema, handler, consumerOptions) {
      assertQueueName(name);
      if (closed) throw new QueueClosed(name);
      const resolved = resolveConsumerOptions(consumerOptions);
      return consumers.track(startBullmqConsumer(name, schema, handler, resolved, context));
    },

    consumeBatch(name, schema, handler, batchOptions) {
      assertQueueName(name);
      if (closed) throw new QueueClosed(name);
      const batches = consumeInBatches(
        name,
        (jobHandler, resolved) => startBullmqConsumer(name, schema, jobHandler, resolved, context),
        handler,
        batchOptions,
        logger,
      );
      return consumers.track(batches);
    },

    async depth(name) {
      const counts = await queueNamed(name).getJobCounts('wait', 'delayed', 'active');
      return { waiting: counts.wait ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0 };
    },

    async oldestWaiting(name) {
      // Consumers take from the far end of the wait list: ascending order puts the next job first.
      const [next] = await queueNamed(name).getJobs(['wait'], 0, 0, true);
      if (!next) return null;
      return next.timestamp + (next.delay ?? 0);
    },

    async beat(name) {
      assertQueueName(name, 'beat name');
      await connected();
      await producerConnection.hset(beatsKey, name, String(Date.now()));
    },

    async beats() {
      await connected();
      const stored = await producerConnection.hgetall(beatsKey);
      const beats = new Map<string, Date>();
      for (const [name, value] of Object.entries(stored)) {
        const at = Number(value);
        if (Number.isFinite(at)) beats.set(name, new Date(at));
      }
      return beats;
    },

    async ping() {
      await connected();
      await producerConnection.ping();
    },

    async close() {
      if (closed) return;
      closed = true;
      await consumers.closeAll();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      producerConnection.disconnect();
    },
  };
}
