import { type Db, webhookDeliveries, webhookEndpoints } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { and, asc, eq, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type DueAttempt, enqueueAttempts } from './enqueue-deliveries.js';
import { insertDeliveries } from './insert-deliveries.js';

/** A due attempt this late has lost its job (a queue outage, a restart of the in-process queue, a crash). */
export const OVERDUE_GRACE_MS = 30_000;
/** How far back the sweep looks for events whose fan-out never ran. */
export const MISSED_FAN_OUT_WINDOW_MS = 3_600_000;
const SWEEP_BATCH = 1_000;

export interface SweepOutcome {
  /** Deliveries created for events whose fan-out never ran. */
  fannedOut: number;
  /** Due attempts queued again (at most a batch of the own queue's and one of the subscribers'). */
  requeued: number;
}

/**
 * The safety net that keeps an alert from being dropped silently: it repeats
 * the fan-out of recent events that have no delivery at all (ingest committed,
 * then the fan-out failed or the process died), and queues again every
 * attempt that is well past due. Both are idempotent, so every sender may run it.
 */
export async function sweepDeliveries(db: Db, queues: QueueBackend, now: Date): Promise<SweepOutcome> {
  const missed = await insertDeliveries(
    db,
    { missedSince: new Date(now.getTime() - MISSED_FAN_OUT_WINDOW_MS) },
    now,
  );
  // Each queue's overdue attempts are a batch of their own: a subscribers' backlog never keeps the
  // organisations' own lost attempts out of the sweep.
  const overdue = [
    ...(await overdueAttempts(db, isNull(webhookEndpoints.statusPageId), now)),
    ...(await overdueAttempts(db, isNotNull(webhookEndpoints.statusPageId), now)),
  ];
  const attempts: DueAttempt[] = [
    ...missed.map(({ id, subscriberOf }) => ({ deliveryId: id, attempt: 1, due: now, subscriberOf })),
    ...overdue,
  ];
  await enqueueAttempts(queues, attempts, now);
  return { fannedOut: missed.length, requeued: overdue.length };
}

/** Pending attempts of the endpoints `which` selects that are well past due, oldest first, with their queue. */
async function overdueAttempts(db: Db, which: SQL, now: Date): Promise<DueAttempt[]> {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      attempts: webhookDeliveries.attempts,
      due: webhookDeliveries.nextAttemptAt,
      organizationId: webhookEndpoints.organizationId,
      statusPageId: webhookEndpoints.statusPageId,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        sql`${webhookDeliveries.status} = 'pending'`,
        lt(webhookDeliveries.nextAttemptAt, new Date(now.getTime() - OVERDUE_GRACE_MS)),
        which,
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(SWEEP_BATCH);
  return rows.flatMap((row) =>
    row.due
      ? [
          {
            deliveryId: row.id,
            attempt: row.attempts + 1,
            due: row.due,
            subscriberOf: row.statusPageId === null ? null : row.organizationId,
          },
        ]
      : [],
  );
}
