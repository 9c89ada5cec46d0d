import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A host's turn, held while its check runs. */
export interface HostTurn {
  /** Ends the turn: the host rests `spacingMs` before anyone's next check of it. */
  release(): Promise<void>;
}

/**
 * Politeness towards the hosts of directory endpoints (docs/directory.md, "Probing directory
 * endpoints"): at most one check of a host at a time, and a rest of `spacingMs` between the end of
 * one and the start of the next, across every worker that shares the gate (a region's workers).
 */
export interface HostGate {
  readonly spacingMs: number;
  /**
   * Takes the host's turn for at most `leaseMs` (a worker that dies holding it frees the host after
   * that), or says how long until the turn may be free.
   */
  take(host: string, leaseMs: number): Promise<HostTurn | { retryAfterMs: number }>;
}

/** A turn that is not free now may be asked for again this soon at the earliest. */
const LEAST_RETRY_MS = 25;
/**
 * A turn held by a running check ends when the check does, which nobody knows: it is asked for again
 * after the rest that follows it at the earliest (or this, when there is no rest), not at the end of
 * the holder's lease, which a check almost never uses up.
 */
const HELD_RETRY_MS = 250;

function retryAfter(resting: boolean, remainingMs: number, spacingMs: number): number {
  const wait = resting ? remainingMs : Math.min(remainingMs, Math.max(spacingMs, HELD_RETRY_MS));
  return Math.max(LEAST_RETRY_MS, wait);
}

/** One process's gate: the embedded mode, whose one region is this process. */
export function memoryHostGate(spacingMs: number, now: () => number = Date.now): HostGate {
  const hosts = new Map<string, { token: string | null; until: number }>();
  return {
    spacingMs,
    async take(host, leaseMs) {
      const at = now();
      const held = hosts.get(host);
      if (held && held.until > at)
        return { retryAfterMs: retryAfter(held.token === null, held.until - at, spacingMs) };
      const token = randomUUID();
      hosts.set(host, { token, until: at + leaseMs });
      return {
        async release() {
          const current = hosts.get(host);
          if (current?.token !== token) return;
          if (spacingMs > 0) hosts.set(host, { token: null, until: now() + spacingMs });
          else hosts.delete(host);
          // Hosts seen once must not accumulate: a resting entry whose rest is over is dropped here.
          if (hosts.size > 1_000) {
            const t = now();
            for (const [name, entry] of hosts) if (entry.until <= t) hosts.delete(name);
          }
        },
      };
    },
  };
}

// The turn and the rest after it are one key: the holder's token while a check runs, `rest` after.
const TAKE = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'taken' end
local resting = 0
if redis.call('get', KEYS[1]) == 'rest' then resting = 1 end
return {resting, redis.call('pttl', KEYS[1])}`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then
  if tonumber(ARGV[2]) > 0 then redis.call('set', KEYS[1], 'rest', 'PX', ARGV[2]) else redis.call('del', KEYS[1]) end
  return 1
end
return 0`;

/** The gate of a region's workers, in Redis under `keyPrefix` (one key per host, expiring on its own). */
export function redisHostGate(redis: Redis, keyPrefix: string, spacingMs: number): HostGate {
  return {
    spacingMs,
    async take(host, leaseMs) {
      const key = `${keyPrefix}${host}`;
      const token = randomUUID();
      const answer = await redis.eval(TAKE, 1, key, token, String(Math.max(1, Math.ceil(leaseMs))));
      if (answer !== 'taken') {
        const [resting, remainingMs] = answer as [number, number];
        // A negative TTL: the key expired between the commands, so the turn is about to be free.
        return { retryAfterMs: retryAfter(resting === 1, remainingMs, spacingMs) };
      }
      return {
        async release() {
          await redis.eval(RELEASE, 1, key, token, String(spacingMs));
        },
      };
    },
  };
}
