import { isIP } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

export interface RateLimitSettings {
  perKey: number;
  perIp: number;
  /**
   * Shared counters, so that every API replica spends from the same budget.
   * Without it each process counts on its own (the embedded mode: one process).
   */
  redis?: { client: Redis; keyPrefix: string };
  /**
   * Sign-up and log-in attempts per minute per client IP, on top of the
   * general budget: each costs a deliberately slow password hash.
   */
  signInPerIp?: number;
  /** Failed log-ins to one account from one address in 15 minutes before that pair gets 429; see `logInThrottle`. */
  logInFailuresPerAddress?: number;
  /** The longest an account's failures may slow its log-ins down; see `logInDelayMs`. */
  logInDelayMaxMs?: number;
  /** Status page subscriptions per hour per client IP, on top of the general budget; see `subscribeLimit`. */
  subscribesPerIp?: number;
}

/**
 * The address a budget belongs to. An IPv6 client usually holds a whole /64,
 * so its budget is the /64's: counted per address, it could pick a new one for
 * every request. IPv4 (and IPv4-mapped IPv6) addresses count one by one.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The default of `signInPerIp`: enough for a person who mistypes, far too few for guessing. */
export const SIGN_IN_PER_IP = 10;

/**
 * Requests per minute, per API key when a valid one came with the call and
 * per client IP otherwise. One store for the whole app, so an address has one
 * budget across public and signed-in routes. It counts in `onRequest`, once
 * the caller is identified (`identifyCallers`) but before authentication is
 * enforced and before the body is read: wrong keys, wrong tokens, oversized,
 * malformed and invalid requests all spend the address's budget, and a
 * throttled client never makes the server buffer its body.
 * Routes registered before this call (health checks) are not limited.
 *
 * With Redis the counters are shared by every replica. If Redis cannot answer,
 * the request is let through and the failure logged: a monitoring API that
 * refuses its users because its limiter's store is away does more harm than
 * one that briefly does not limit (`/readyz` reports Redis down meanwhile).
 */
export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    ...(settings.redis
      ? { redis: settings.redis.client, nameSpace: settings.redis.keyPrefix, skipOnError: true }
      : {}),
    max: (request: FastifyRequest) => (request.principal?.apiKeyId ? settings.perKey : settings.perIp),
    keyGenerator: (request: FastifyRequest) =>
      request.principal?.apiKeyId ? `key:${request.principal.apiKeyId}` : `ip:${addressKey(request.ip)}`,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });
}

/**
 * A budget of its own for some routes, counted in the same store as the
 * general limits and besides them: a hook that counts the request under
 * `key(request)` and refuses it with 429 and `Retry-After` once past `max`.
 */
function extraLimit(
  app: FastifyInstance,
  limit: {
    max: number;
    timeWindow: number;
    key: (request: FastifyRequest) => string;
    refusal: (retryInSeconds: number) => string;
  },
) {
  const count = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.timeWindow,
    keyGenerator: limit.key,
  });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const state = await count(request);
    if (state.isAllowed || !state.isExceeded) return;
    const retry = Math.max(1, state.ttlInSeconds);
    reply.header('retry-after', String(retry));
    throw Object.assign(new Error(limit.refusal(retry)), { statusCode: 429 });
  };
}

/** An `onRequest` hook for the sign-up and log-in routes: a budget of their own per client address. */
export function signInLimit(app: FastifyInstance, settings: RateLimitSettings) {
  const max = settings.signInPerIp ?? SIGN_IN_PER_IP;
  return extraLimit(app, {
    max,
    timeWindow: 60_000,
    key: (request) => `sign-in:${addressKey(request.ip)}`,
    refusal: (retry) =>
      `at most ${max} sign-up and log-in attempts per minute from one address; retry in ${retry} s`,
  });
}

/** How many times the per-address budget the first requests for unknown badge ids may spend. */
export const BADGE_READS_PER_IP_FACTOR = 10;

/**
 * For public routes served from a cache that spend no general budget (badges: READMEs' badges are
 * fetched through a few image proxies, which would exhaust any per-address budget; status pages,
 * which a whole company's staff opens during an outage from behind one address): only requests
 * the cache cannot answer, each a database read, count, per client address, up to ten times the
 * address's general budget.
 */
function uncachedReadLimit(app: FastifyInstance, settings: RateLimitSettings, name: string, what: string) {
  const max = settings.perIp * BADGE_READS_PER_IP_FACTOR;
  return extraLimit(app, {
    max,
    timeWindow: 60_000,
    key: (request) => `${name}:${addressKey(request.ip)}`,
    refusal: (retry) =>
      `at most ${max} requests per minute from one address for ${what}; retry in ${retry} s`,
  });
}

export function badgeReadLimit(app: FastifyInstance, settings: RateLimitSettings) {
  return uncachedReadLimit(app, settings, 'badge-read', 'badges not fetched lately');
}

export function statusPageReadLimit(app: FastifyInstance, settings: RateLimitSettings) {
  return uncachedReadLimit(app, settings, 'status-page-read', 'status pages not fetched lately');
}

/** The default of `subscribesPerIp`: a person subscribes a few URLs, not dozens. */
export const SUBSCRIBES_PER_IP = 10;

/**
 * For subscribing to a status page: each subscription makes the service POST to a URL of the
 * caller's choosing, so one address may start only a few an hour, whatever its general budget.
 */
export function subscribeLimit(app: FastifyInstance, settings: RateLimitSettings) {
  const max = settings.subscribesPerIp ?? SUBSCRIBES_PER_IP;
  return extraLimit(app, {
    max,
    timeWindow: 3_600_000,
    key: (request) => `subscribe:${addressKey(request.ip)}`,
    refusal: (retry) =>
      `at most ${max} status page subscriptions per hour from one address; retry in ${retry} s`,
  });
}
