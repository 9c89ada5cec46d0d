export { type BullmqBackendOptions, createBullmqBackend } from './bullmq/bullmq-backend.js';
export { createRedisClient, type RedisRole } from './bullmq/redis-client.js';
export { InvalidJobData, PermanentJobError, QueueClosed } from './errors.js';
export { createMemoryBackend, type MemoryBackendOptions } from './memory/memory-backend.js';
export type {
  BatchConsumerOptions,
  BatchHandler,
  Consumer,
  ConsumerOptions,
  Job,
  JobHandler,
  JobOptions,
  Producer,
  QueueBackend,
  QueueDepth,
} from './types.js';
