import type { EventType } from '@mcpulse/core/domain';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, webhookDeliveries } from '../schema/index.js';

/** The stored event a delivery carries: what its body is rendered from. */
export interface DeliveryEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  payload: unknown;
}

/** The event of one delivery of an endpoint; null when the delivery is not that endpoint's. */
export async function deliveryEvent(
  db: Executor,
  endpointId: string,
  deliveryId: string,
): Promise<DeliveryEvent | null> {
  const [row] = await db
    .select({ id: events.id, type: events.type, occurredAt: events.occurredAt, payload: events.payload })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)));
  return row ?? null;
}
