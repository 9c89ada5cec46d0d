import type { Redis } from 'ioredis';

export interface Reservation {
  allowed: boolean;
  /** What the counter holds after this call. */
  count: number;
  /** Until the counter's window ends. */
  retryInMs: number;
}

/**
 * Counters that live for a fixed window from their first count, kept where
 * the rate limits are (Redis, so every API replica sees the same count; or
 * this process's memory).
 */
export interface FailureCounters {
  /** Counts one under `key` unless it already holds `max`: atomic, so parallel callers cannot slip past `max`. */
  reserve(key: string, max: number, windowMs: number): Promise<Reservation>;
  /** Counts one under `key`; returns the count. */
  add(key: string, windowMs: number): Promise<number>;
  read(key: string): Promise<number>;
  clear(key: string): Promise<void>;
}

/** Past this many keys the oldest is dropped: guesses at random e-mails must not grow memory without bound. */
const MEMORY_MAX_KEYS = 100_000;

/** The embedded mode's counters: one process, so its own memory is shared by everything that counts. */
export function memoryFailureCounters(now: () => number = Date.now): FailureCounters {
  const counters = new Map<string, { count: number; endsAt: number }>();
  const live = (key: string) => {
    const counter = counters.get(key);
    if (counter && counter.endsAt <= now()) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  };
  const increment = (key: string, windowMs: number) => {
    const counter = live(key);
    if (counter) {
      counter.count += 1;
      return counter;
    }
    if (counters.size >= MEMORY_MAX_KEYS) counters.delete(counters.keys().next().value ?? '');
    const created = { count: 1, endsAt: now() + windowMs };
    counters.set(key, created);
    return created;
  };
  return {
    async reserve(key, max, windowMs) {
      const current = live(key);
      if (current && current.count >= max)
        return { allowed: false, count: current.count, retryInMs: current.endsAt - now() };
      const counter = increment(key, windowMs);
      return { allowed: true, count: counter.count, retryInMs: counter.endsAt - now() };
    },
    async add(key, windowMs) {
      return increment(key, windowMs).count;
    },
    async read(key) {
      return live(key)?.count ?? 0;
    },
    async clear(key) {
      counters.delete(key);
    },
  };
}

// The window starts with the first count; PEXPIRE only then, so later counts never extend it.
const RESERVE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return {0, count, redis.call('PTTL', KEYS[1])} end
count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, count, redis.call('PTTL', KEYS[1])}
`;
const ADD = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

/** Counters in Redis under `keyPrefix`, shared by every API replica. */
export function redisFailureCounters(client: Redis, keyPrefix: string): FailureCounters {
  return {
    async reserve(key, max, windowMs) {
      const [allowed, count, ttl] = (await client.eval(RESERVE, 1, keyPrefix + key, max, windowMs)) as [
        number,
        number,
        number,
      ];
      return { allowed: allowed === 1, count, retryInMs: Math.max(0, ttl) };
    },
    async add(key, windowMs) {
      return (await client.eval(ADD, 1, keyPrefix + key, windowMs)) as number;
    },
    async read(key) {
      return Number((await client.get(keyPrefix + key)) ?? 0);
    },
    async clear(key) {
      await client.del(keyPrefix + key);
    },
  };
}
