import type { Executor } from '../../database.js';
import { events, webhookDeliveries } from '../../schema/index.js';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface NewTestDelivery {
  organizationId: string;
  endpointId: string;
  /** Unique per test event: a test is never deduplicated against another. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  messageId: string;
  now: Date;
}

/** A `webhook.test` event of no monitor and its one delivery, to one endpoint, due now. */
export async function insertTestDelivery(
  tx: Pick<Executor, 'insert'>,
  delivery: NewTestDelivery,
): Promise<DeliveryRow> {
  const [event] = await tx
    .insert(events)
    .values({
      organizationId: delivery.organizationId,
      monitorId: null,
      type: 'webhook.test',
      occurredAt: delivery.now,
      dedupeKey: delivery.dedupeKey,
      payload: delivery.payload,
    })
    .returning({ id: events.id });
  if (!event) throw new Error('event insert returned no row');
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({
      endpointId: delivery.endpointId,
      eventId: event.id,
      messageId: delivery.messageId,
      nextAttemptAt: delivery.now,
      createdAt: delivery.now,
    })
    .returning();
  if (!row) throw new Error('delivery insert returned no row');
  return row;
}
