import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One of an organisation's places among the subscriber attempts in flight, held while its attempt runs. */
export interface GateSlot {
  release(): Promise<void>;
}

/**
 * Fairness between organisations on the subscribers' queue (docs/webhooks.md, "Status page
 * subscribers"): at most `perOrganization` attempts of one organisation in flight at once, across
 * every sender that shares the gate, so one page's fan-out to slow receivers cannot take the whole
 * budget. A place is held for at most `leaseMs`: a sender that dies holding one frees it after that.
 */
export interface OrganizationGate {
  readonly perOrganization: number;
  /** A place, or null when the organisation already has its share in flight. */
  take(organizationId: string, leaseMs: number): Promise<GateSlot | null>;
}

/** The share of a subscriber budget of `concurrency` one organisation may have in flight: a quarter. */
export function subscriberShare(concurrency: number): number {
  return Math.max(1, Math.floor(concurrency / 4));
}

/** One process's gate: the embedded mode, whose one sender is this process. */
export function memoryOrganizationGate(
  perOrganization: number,
  now: () => number = Date.now,
): OrganizationGate {
  const held = new Map<string, Map<string, number>>();
  return {
    perOrganization,
    async take(organizationId, leaseMs) {
      const at = now();
      const places = held.get(organizationId) ?? new Map<string, number>();
      for (const [token, until] of places) if (until <= at) places.delete(token);
      if (places.size >= perOrganization) return null;
      const token = randomUUID();
      places.set(token, at + leaseMs);
      held.set(organizationId, places);
      return {
        async release() {
          places.delete(token);
          // Organisations seen once must not accumulate.
          if (places.size === 0 && held.get(organizationId) === places) held.delete(organizationId);
        },
      };
    },
  };
}

// A sorted set per organisation: its holders' tokens, scored by when their lease ends (Redis's clock).
const TAKE = `local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('zadd', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('pexpire', KEYS[1], ARGV[2])
return 1`;

/** The gate of every sender of a deployment, in Redis under `keyPrefix` (one key per organisation, expiring on its own). */
export function redisOrganizationGate(
  redis: Redis,
  keyPrefix: string,
  perOrganization: number,
): OrganizationGate {
  return {
    perOrganization,
    async take(organizationId, leaseMs) {
      const key = `${keyPrefix}${organizationId}`;
      const token = randomUUID();
      const lease = String(Math.max(1, Math.ceil(leaseMs)));
      const taken = await redis.eval(TAKE, 1, key, String(perOrganization), lease, token);
      if (taken !== 1) return null;
      return {
        async release() {
          await redis.zrem(key, token);
        },
      };
    },
  };
}
