import { type Executor, queryRows } from '@mcpulse/db';
import type { Producer } from '@mcpulse/queue';
import { type SQL, sql } from 'drizzle-orm';
import { type AttemptDeps, attemptDelivery } from './attempt-delivery.js';
import type { OrganizationGate } from './organization-gate.js';
import type { WebhookJob } from './webhook-job.js';

/**
 * How long an organisation's place is held at most: an attempt to a subscriber (5 s to answer) with
 * its claim and its log, and a margin. A sender that dies holding one frees it after this.
 */
export const SUBSCRIBER_PLACE_LEASE_MS = 30_000;

/**
 * An attempt put back because its organisation had its share in flight comes back after a wait that
 * doubles each time it is put back, from the first to the longest, and half of it is random, so
 * a page's thousand subscribers do not all come back at once.
 */
export const SUBSCRIBER_WAIT = { firstMs: 250, longestMs: 10_000 } as const;

export function subscriberWaitMs(waits: number, random: () => number): number {
  const ceiling = Math.min(SUBSCRIBER_WAIT.longestMs, SUBSCRIBER_WAIT.firstMs * 2 ** waits);
  return Math.ceil(ceiling * (0.5 + random() * 0.5));
}

export interface Postponement {
  deliveryId: string;
  /** The job's due time: the delivery moves only while it still waits for exactly this attempt. */
  due: string;
  to: Date;
}

const postponementRow = (item: Postponement): SQL =>
  sql`(${item.deliveryId}::uuid, ${item.due}::timestamptz, ${item.to.toISOString()}::timestamptz)`;

/**
 * Moves each delivery's next attempt to its new time, in one statement for the lot, so the sweep
 * does not take a waiting attempt for a lost one and a stale or duplicate job stops here.
 * Answers, per item in order, whether it moved; the items must name distinct deliveries.
 */
export async function postponeAttempts(db: Executor, items: readonly Postponement[]): Promise<boolean[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with request(id, due, later) as (values ${sql.join(items.map(postponementRow), sql`, `)})
      update webhook_deliveries d set next_attempt_at = r.later
      from request r
      where d.id = r.id and d.status = 'pending' and date_trunc('milliseconds', d.next_attempt_at) = r.due
      returning d.id`,
  );
  const moved = new Set(rows.map((row) => row.id));
  return items.map((item) => moved.has(item.deliveryId));
}

export interface SubscriberAttemptDeps extends AttemptDeps {
  gate: OrganizationGate;
  /** Shares round trips with the postponements beside it (see postponeAttempts). */
  postpone: (item: Postponement) => Promise<boolean>;
  /** The subscribers' queue, where a postponed attempt goes back. */
  again: Producer<WebhookJob>;
}

/**
 * One job of the subscribers' queue: the attempt runs if its organisation has a place free, and
 * is otherwise put back, delayed, without holding a place of the sender's budget while it waits.
 */
export async function attemptForSubscriber(deps: SubscriberAttemptDeps, job: WebhookJob): Promise<void> {
  // A manual attempt, or a job queued before jobs named their organisation, runs as it is.
  if ('manual' in job || job.organizationId === undefined) return attemptDelivery(deps, job);
  const place = await deps.gate.take(job.organizationId, SUBSCRIBER_PLACE_LEASE_MS);
  if (place) {
    try {
      return await attemptDelivery(deps, job);
    } finally {
      await place.release();
    }
  }
  const now = deps.now();
  const waits = job.waits ?? 0;
  const to = new Date(now.getTime() + subscriberWaitMs(waits, deps.random));
  if (!(await deps.postpone({ deliveryId: job.deliveryId, due: job.due, to }))) {
    deps.onAttempt?.('skipped');
    return;
  }
  // If this add is lost, the delivery is already due at `to` and the sweep queues it again.
  await deps.again.add(
    { ...job, due: to.toISOString(), waits: waits + 1 },
    { jobId: `${job.deliveryId}:wait:${to.getTime()}`, delayMs: to.getTime() - now.getTime() },
  );
  deps.onAttempt?.('deferred');
}
