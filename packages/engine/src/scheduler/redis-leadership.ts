import { randomUUID } from 'node:crypto';
import type { Logger } from '@mcpulse/config';
import type { Redis } from 'ioredis';
import type { Leadership } from './leadership.js';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisLeadershipOptions {
  redis: Redis;
  key: string;
  /** How long the lock lives without renewal: a dead leader is replaced within ttl + renew interval. */
  ttlMs?: number;
  renewMs?: number;
  logger: Logger;
}

/**
 * A lease in Redis (SET NX PX, renewed by compare-and-expire). Leadership is
 * only claimed while the last successful renewal is younger than the lease
 * minus a renewal interval, so a leader cut off from Redis stops scheduling
 * before anyone else can take over.
 */
export function redisLeadership(options: RedisLeadershipOptions): Leadership {
  // A leader killed without a hand-over is replaced within ttl + renew: under 5 s.
  const ttlMs = options.ttlMs ?? 3_000;
  const renewMs = options.renewMs ?? 1_000;
  const token = randomUUID();
  let heldUntil = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const attempt = async () => {
    const started = Date.now();
    try {
      if (heldUntil > started) {
        const renewed = await options.redis.eval(RENEW, 1, options.key, token, String(ttlMs));
        if (renewed === 1) heldUntil = started + ttlMs - renewMs;
        else {
          heldUntil = 0;
          options.logger.warn({ key: options.key }, 'scheduler leadership lost');
        }
      } else {
        const acquired = await options.redis.set(options.key, token, 'PX', ttlMs, 'NX');
        if (acquired === 'OK') {
          heldUntil = started + ttlMs - renewMs;
          options.logger.info({ key: options.key }, 'scheduler leadership acquired');
        }
      }
    } catch (error) {
      options.logger.warn({ err: error }, 'scheduler leadership check failed');
    }
  };

  const loop = async () => {
    await attempt();
    if (!stopped) timer = setTimeout(loop, renewMs);
  };
  void loop();

  return {
    isLeader: () => Date.now() < heldUntil,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (Date.now() < heldUntil) {
        heldUntil = 0;
        await options.redis.eval(RELEASE, 1, options.key, token).catch(() => {});
      }
    },
  };
}
