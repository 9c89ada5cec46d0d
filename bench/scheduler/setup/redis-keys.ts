import { Redis } from 'ioredis';

/** Deletes every key under `prefix:` (queues, job hashes, the leader lock), in pages, without blocking Redis. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** Redis's own figure for its memory, to show what the dedupe window keeps. */
export async function redisUsedMemoryMb(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const info = await redis.info('memory');
    const bytes = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
    return bytes / 1024 / 1024;
  } finally {
    redis.disconnect();
  }
}
