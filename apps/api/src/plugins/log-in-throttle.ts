import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { type FailureCounters, memoryFailureCounters, redisFailureCounters } from './failure-counters.js';
import { addressKey, type RateLimitSettings } from './rate-limits.js';
import { RequestRefused } from './request-refused.js';

/** The default of `logInFailuresPerAddress`. */
export const LOGIN_FAILURES_PER_ADDRESS = 10;
/** The default of `logInDelayMaxMs`: the owner waits at most this long, whatever an attacker did. */
export const LOGIN_DELAY_MAX_MS = 3_000;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures of an account before its log-ins slow down: a person who mistypes a few times never waits. */
const UNDELAYED_FAILURES = 3;
const FIRST_DELAY_MS = 250;

/**
 * How long a log-in to an account waits, given the account's failed log-ins
 * in the window: nothing for the first few, then doubling from 250 ms per
 * failure, never more than `maxDelayMs`.
 */
export function logInDelayMs(accountFailures: number, maxDelayMs: number): number {
  const beyond = accountFailures - UNDELAYED_FAILURES;
  if (beyond <= 0) return 0;
  return Math.min(maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(beyond - 1, 30));
}

/** The account as a counter key: the e-mail as log-in matches it, hashed so no address is stored in clear. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

export interface LogInAttempt {
  /** The right password: the failures of this account from this address are forgotten. */
  succeeded(): Promise<void>;
  /** A wrong one: the account's failures grow, slowing its next log-ins. */
  failed(): Promise<void>;
}

/** The counters in the same store as the rate limits: Redis when configured, else this process's memory. */
export function failureCountersFor(settings: RateLimitSettings): FailureCounters {
  return settings.redis
    ? redisFailureCounters(settings.redis.client, settings.redis.keyPrefix)
    : memoryFailureCounters();
}

/**
 * Guessing protection that cannot be turned against an account's owner.
 * Failed log-ins are counted per account and client address: past
 * `logInFailuresPerAddress` in 15 minutes, that address's log-ins to that
 * account get 429 until the window ends. Across the whole account, failures
 * only slow log-ins down (`logInDelayMs`), never refuse them, so an attacker
 * guessing from elsewhere cannot lock the owner out. Each attempt is counted
 * before its password is checked, atomically, so parallel guesses cannot
 * slip past the limit; a success clears the pair's count. While the store
 * cannot answer, log-ins pass unthrottled and the failure is logged, as for
 * the rate limits.
 */
export function logInThrottle(counters: FailureCounters, settings: RateLimitSettings) {
  const perAddress = settings.logInFailuresPerAddress ?? LOGIN_FAILURES_PER_ADDRESS;
  const maxDelayMs = settings.logInDelayMaxMs ?? LOGIN_DELAY_MAX_MS;

  return async function admit(request: FastifyRequest, email: string): Promise<LogInAttempt> {
    const safely = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        request.log.error({ err: error }, 'log-in failure counters unavailable; not throttling');
        return fallback;
      }
    };
    const account = accountKey(email);
    const pairKey = `login-failures:pair:${account}:${addressKey(request.ip)}`;
    const accountFailuresKey = `login-failures:account:${account}`;

    const reservation = await safely(() => counters.reserve(pairKey, perAddress, LOGIN_FAILURE_WINDOW_MS), {
      allowed: true,
      count: 0,
      retryInMs: 0,
    });
    if (!reservation.allowed) {
      const retry = Math.max(1, Math.ceil(reservation.retryInMs / 1_000));
      throw new RequestRefused(
        429,
        'rate_limited',
        `too many failed log-ins to this account from your address; retry in ${retry} s`,
        { 'retry-after': String(retry) },
      );
    }
    const delayMs = logInDelayMs(await safely(() => counters.read(accountFailuresKey), 0), maxDelayMs);
    if (delayMs > 0) await sleep(delayMs);

    return {
      succeeded: () => safely(() => counters.clear(pairKey), undefined),
      failed: async () => {
        await safely(() => counters.add(accountFailuresKey, LOGIN_FAILURE_WINDOW_MS), 0);
      },
    };
  };
}
