import { Redis } from 'ioredis';

export type RedisRole = 'producer' | 'consumer';

const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Producers fail fast while Redis is unreachable, so the caller sees the error instead of a job
 * waiting in memory to be lost; consumers wait out outages (BullMQ needs `maxRetriesPerRequest: null`
 * for their blocking commands).
 */
export function createRedisClient(
  url: string,
  role: RedisRole,
  /** Shown by CLIENT LIST, so an operator can tell whose connection is whose. */
  connectionName: string,
  onError: (error: Error) => void,
): Redis {
  const client = new Redis(url, {
    connectionName,
    ...(role === 'producer' ? { enableOfflineQueue: false } : { maxRetriesPerRequest: null }),
    // Never returns null: a Redis restart of any length is reconnected to, never given up on.
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  client.on('error', onError);
  return client;
}
