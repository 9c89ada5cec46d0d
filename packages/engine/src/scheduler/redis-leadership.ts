import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
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
  /** Names this process in logs, health answers and the lock's value; unique per start by default. */
  instanceId?: string;
}

export interface RedisLeadership extends Leadership {
  /** Also the lock's value, so `GET <key>` tells an operator which process leads. */
  readonly instanceId: string;
  /** When this process took the lead it holds now; null while it does not lead. */
  leaderSince(): Date | null;
}

/**
 * A lease in Redis (SET NX PX, renewed by compare-and-expire). Leadership is
 * only claimed while the last successful renewal is younger than the lease
 * minus a renewal interval, so a leader cut off from Redis stops scheduling
 * before anyone else can take over.
 */
export function redisLeadership(options: RedisLeadershipOptions): RedisLeadership {
  // A leader killed without a hand-over is replaced within ttl + renew: under 5 s.
  const ttlMs = options.ttlMs ?? 3_000;
  const renewMs = options.renewMs ?? 1_000;
  const token = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const { key, logger } = options;
  let heldUntil = 0;
  let since: Date | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const lost = (at: number, reason: string) => {
    logger.warn(
      {
        key,
        instanceId: token,
        leaderSince: since?.toISOString(),
        lostAt: new Date(at).toISOString(),
        reason,
      },
      'scheduler leadership lost',
    );
    since = null;
  };

  const attempt = async () => {
    const started = Date.now();
    try {
      if (heldUntil > started) {
        const renewed = await options.redis.eval(RENEW, 1, key, token, String(ttlMs));
        if (renewed === 1) heldUntil = started + ttlMs - renewMs;
        else {
          heldUntil = 0;
          lost(started, 'another process holds the lock');
        }
      } else {
        // The lease ran out without a renewal (Redis slow or unreachable): this process stopped leading.
        if (since) lost(heldUntil, 'the lease ran out before it could be renewed');
        const acquired = await options.redis.set(key, token, 'PX', ttlMs, 'NX');
        if (acquired === 'OK') {
          heldUntil = started + ttlMs - renewMs;
          since = new Date(started);
          logger.info(
            { key, instanceId: token, leaderSince: since.toISOString() },
            'scheduler leadership acquired',
          );
        }
      }
    } catch (error) {
      logger.warn({ err: error, instanceId: token }, 'scheduler leadership check failed');
    }
  };

  const loop = async () => {
    await attempt();
    if (!stopped) timer = setTimeout(loop, renewMs);
  };
  void loop();

  return {
    instanceId: token,
    isLeader: () => Date.now() < heldUntil,
    leaderSince: () => (Date.now() < heldUntil ? since : null),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (Date.now() < heldUntil) {
        heldUntil = 0;
        await options.redis.eval(RELEASE, 1, key, token).catch(() => {});
        logger.info(
          { key, instanceId: token, leaderSince: since?.toISOString(), releasedAt: new Date().toISOString() },
          'scheduler leadership released',
        );
        since = null;
      }
    },
  };
}
