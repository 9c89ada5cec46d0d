import { endpointVerdict, nextWebhookAttemptAt } from '@mcpulse/core';
import { type Db, type Executor, webhookAttempts, webhookDeliveries, webhookEndpoints } from '@mcpulse/db';
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { DueAttempt } from './enqueue-deliveries.js';
import type { AttemptResult } from './send-attempt.js';

export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  manual: boolean;
  attemptedAt: Date;
  deliveryCreatedAt: Date;
  /** Where its retry is queued (see DueAttempt). */
  subscriberOf: string | null;
  result: AttemptResult;
}

function attemptRow(record: AttemptRecord) {
  const { result } = record;
  return {
    deliveryId: record.deliveryId,
    attempt: record.attempt,
    attemptedAt: record.attemptedAt,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    responseBody: result.responseBody,
    error: result.error,
    manual: record.manual,
  };
}

function successRow(record: AttemptRecord): SQL {
  const row = attemptRow(record);
  return sql`(${row.deliveryId}::uuid, ${record.endpointId}::uuid, ${row.attempt}::int,
    ${row.attemptedAt.toISOString()}::timestamptz, ${row.statusCode}::int, ${row.latencyMs}::int,
    ${row.responseBody}::text, ${row.manual}::boolean)`;
}

/**
 * The common case, for many attempts in one statement: each attempt logged,
 * its delivery succeeded, and its endpoint's failing run ended (the endpoint
 * row is written only if one was running, so deliveries to healthy endpoints
 * lock nothing).
 */
export async function recordSuccesses(db: Executor, records: readonly AttemptRecord[]): Promise<undefined[]> {
  await db.execute(sql`with succeeded(delivery_id, endpoint_id, attempt, attempted_at, status_code, latency_ms,
        response_body, manual) as (values ${sql.join(records.map(successRow), sql`, `)}),
      logged as (
        insert into webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, response_body, manual)
        select delivery_id, attempt, attempted_at, status_code, latency_ms, response_body, manual from succeeded
      ),
      healthy as (
        update webhook_endpoints w set failing_since = null
        from (select distinct endpoint_id from succeeded) s
        where w.id = s.endpoint_id and w.failing_since is not null
      )
      update webhook_deliveries d set status = 'succeeded', next_attempt_at = null
      from succeeded s where d.id = s.delivery_id`);
  return records.map(() => undefined);
}

/** What a failure means for the endpoint; returns whether it is (now) disabled. */
async function judgeFailure(tx: Executor, record: AttemptRecord, now: Date): Promise<boolean> {
  const endpoint = eq(webhookEndpoints.id, record.endpointId);
  // Concurrent failures of one endpoint agree on when its failing run started.
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(endpoint)
    .returning({ failingSince: webhookEndpoints.failingSince, enabled: webhookEndpoints.enabled });
  if (!row) return true;
  const verdict = endpointVerdict(record.result.statusCode, row.failingSince, now);
  if (verdict.disable && row.enabled) {
    await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: verdict.disable })
      .where(endpoint);
  }
  return verdict.disable !== null || !row.enabled;
}

/**
 * Logs a failed attempt and moves its delivery on: failed for good (an
 * unsendable payload, or an endpoint this answer disabled), abandoned once the
 * retry window is over, or due again later. Returns the retry to queue, if any.
 */
export async function recordFailure(
  db: Db,
  record: AttemptRecord,
  now: Date,
  random: () => number,
): Promise<DueAttempt | null> {
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(attemptRow(record));
    const delivery = eq(webhookDeliveries.id, record.deliveryId);
    const stop = (status: 'failed' | 'abandoned') =>
      tx
        .update(webhookDeliveries)
        .set({ status, nextAttemptAt: null })
        .where(and(delivery, ne(webhookDeliveries.status, 'succeeded')));

    if (record.result.permanent || (await judgeFailure(tx, record, now))) {
      await stop('failed');
      return null;
    }
    // A manual attempt is one extra try: the automatic schedule goes on as it was.
    if (record.manual) return null;
    const due = nextWebhookAttemptAt({
      failures: record.attempt,
      createdAt: record.deliveryCreatedAt,
      now,
      random,
    });
    if (due === null) {
      await stop('abandoned');
      return null;
    }
    await tx.update(webhookDeliveries).set({ nextAttemptAt: due }).where(delivery);
    return {
      deliveryId: record.deliveryId,
      attempt: record.attempt + 1,
      due,
      subscriberOf: record.subscriberOf,
    };
  });
}
