import type { DeliveryStatus, EventType } from '@mcpulse/core/domain';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, monitors, webhookAttempts, webhookDeliveries } from '../schema/index.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';

export interface AttemptView {
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number | null;
  /** The first 2 KB of the receiver's answer. */
  responseBody: string | null;
  error: string | null;
  /** Asked for by a person (redelivery) rather than scheduled. */
  manual: boolean;
}

/** The monitor an event is about, as it is named now. */
export interface DeliveryMonitor {
  id: string;
  name: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: EventType;
  /** Null for an event about no monitor (webhook.test), or once its monitor is deleted. */
  monitor: DeliveryMonitor | null;
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  attemptLog: AttemptView[];
}

export interface DeliveryFilter {
  /** The caller has already checked that the endpoint is the principal's. */
  endpointId: string;
  /** Just this delivery (still a page: empty when it is not the endpoint's). */
  deliveryId?: string;
}

/** An endpoint's deliveries, newest first, each with every attempt made. */
export async function listDeliveries(
  db: Executor,
  filter: DeliveryFilter,
  cursor: string | undefined,
  limit: number,
): Promise<Page<DeliveryView>> {
  const after = newestFirstAfter(webhookDeliveries.createdAt, webhookDeliveries.id, cursor);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: events.type,
      monitorId: monitors.id,
      monitorName: monitors.name,
      messageId: webhookDeliveries.messageId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      createdKey: exactTime(webhookDeliveries.createdAt),
    })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .leftJoin(monitors, eq(monitors.id, events.monitorId))
    .where(
      and(
        eq(webhookDeliveries.endpointId, filter.endpointId),
        filter.deliveryId === undefined ? undefined : eq(webhookDeliveries.id, filter.deliveryId),
        after,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
  const ids = rows.slice(0, limit).map((row) => row.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .orderBy(asc(webhookAttempts.attempt), asc(webhookAttempts.attemptedAt))
    : [];
  const byDelivery = new Map<string, AttemptView[]>();
  for (const { id: _id, deliveryId, ...attempt } of attempts) {
    byDelivery.set(deliveryId, [...(byDelivery.get(deliveryId) ?? []), attempt]);
  }
  return pageOf(
    rows,
    limit,
    ({ createdKey: _key, monitorId, monitorName, ...delivery }) => ({
      ...delivery,
      monitor: monitorId !== null && monitorName !== null ? { id: monitorId, name: monitorName } : null,
      attemptLog: byDelivery.get(delivery.id) ?? [],
    }),
    (row) => [row.createdKey, row.id],
  );
}
