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

/** Reads Redis's own figure for its memory, `used_memory`, over one connection kept open. */
export interface RedisMemoryReader {
  /** used_memory in MB: every client's keys, not only the bench's (Redis is shared). */
  usedMb(): Promise<number>;
  /**
   * The keys under `prefix:` and what Redis says they take (MEMORY USAGE, summed): the bench's own
   * share, whatever other clients store.
   */
  prefixUsage(prefix: string): Promise<{ keys: number; mb: number }>;
  close(): void;
}

export function redisMemoryReader(redisUrl: string): RedisMemoryReader {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  return {
    async usedMb() {
      const info = await redis.info('memory');
      const bytes = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
      return bytes / 1024 / 1024;
    },
    async prefixUsage(prefix) {
      let keys = 0;
      let bytes = 0;
      let cursor = '0';
      do {
        const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (page.length === 0) continue;
        const pipeline = redis.pipeline();
        for (const key of page) pipeline.memory('USAGE', key);
        for (const [error, size] of (await pipeline.exec()) ?? []) {
          if (!error && typeof size === 'number') bytes += size;
        }
        keys += page.length;
      } while (cursor !== '0');
      return { keys, mb: bytes / 1024 / 1024 };
    },
    close: () => redis.disconnect(),
  };
}
