import { randomBytes } from 'node:crypto';
import { createLogger, loadEnv, url } from '@mcpulse/config';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '../../src/index.js';

export const env = loadEnv(
  z.object({
    MCPULSE_TEST_REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  }),
);

export const silentLogger = createLogger({ name: 'queue-test', level: 'silent' });

export interface BackendKind {
  name: 'memory' | 'bullmq';
  create(): QueueBackend;
  /** Removes whatever the backends of this kind left behind. */
  cleanUp(): Promise<void>;
}

/** One Redis key prefix per test file, and one below it per backend, so nothing is shared. */
export function bullmqKind(): BackendKind {
  const filePrefix = `mcpulse-test:queue:${randomBytes(6).toString('hex')}`;
  let count = 0;
  return {
    name: 'bullmq',
    create: () =>
      createBullmqBackend({
        redisUrl: env.MCPULSE_TEST_REDIS_URL,
        prefix: `${filePrefix}:${++count}`,
        logger: silentLogger,
      }),
    cleanUp: () => deleteKeys(`${filePrefix}:*`),
  };
}

export function memoryKind(): BackendKind {
  return {
    name: 'memory',
    create: () => createMemoryBackend({ logger: silentLogger }),
    cleanUp: async () => {},
  };
}

export async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(env.MCPULSE_TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
