const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;

/** How webhook deliveries are retried; `docs/webhooks.md` publishes the same figures. */
export const WEBHOOK_RETRY_POLICY = {
  /** The first retry waits up to this; each later one up to twice the one before. */
  baseDelayMs: 10 * SECOND_MS,
  /** No retry waits longer than this. */
  maxDelayMs: 3 * HOUR_MS,
  /** Jitter never brings a retry closer than this. */
  minDelayMs: SECOND_MS,
  /** After this long since the delivery was created, the last attempt has been made. */
  retryWindowMs: 24 * HOUR_MS,
  /** One attempt: connect, send, and the receiver's answer. */
  attemptTimeoutMs: 10 * SECOND_MS,
  /**
   * One attempt to a status page's subscriber: a public receiver gets less of the sender's
   * patience than the organisation's own (docs/webhooks.md, "Status page subscribers").
   */
  subscriberAttemptTimeoutMs: 5 * SECOND_MS,
} as const;

/** The most the wait after `failures` failed attempts can be: exponential, capped. */
export function webhookRetryCeilingMs(failures: number): number {
  const { baseDelayMs, maxDelayMs } = WEBHOOK_RETRY_POLICY;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Full jitter: anywhere between the floor and the ceiling, so the retries of
 * many deliveries that failed together (a receiver's outage) spread out
 * instead of arriving as a second wave. `random` returns [0, 1).
 */
export function webhookRetryDelayMs(failures: number, random: () => number): number {
  const { minDelayMs } = WEBHOOK_RETRY_POLICY;
  return Math.max(minDelayMs, Math.floor(random() * webhookRetryCeilingMs(failures)));
}

/**
 * When to try again after a failed attempt, or null once the delivery has been
 * retried for the whole window. The last retry lands on the window's end, so a
 * delivery always gets an attempt about 24 h after it was created.
 */
export function nextWebhookAttemptAt(input: {
  failures: number;
  createdAt: Date;
  now: Date;
  random: () => number;
}): Date | null {
  const deadline = input.createdAt.getTime() + WEBHOOK_RETRY_POLICY.retryWindowMs;
  const now = input.now.getTime();
  if (now >= deadline) return null;
  return new Date(Math.min(now + webhookRetryDelayMs(input.failures, input.random), deadline));
}
