import { randomUUID } from 'node:crypto';
import { Conflict, TEST_EVENT_MESSAGE } from '@mcpulse/core';
import { type DeliveryView, events, webhookDeliveries } from '@mcpulse/db';
import { enqueueAttempts, newWebhookMessageId } from '@mcpulse/engine';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';
import { queueOf } from './queue-of.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * A `webhook.test` event for one endpoint, delivered like any other: signed,
 * retried, and logged in its delivery log, where its outcome shows.
 */
export async function sendTestEvent(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
  now: Date,
): Promise<DeliveryView> {
  const queues = queueOf(deps);
  const delivery = await deps.db.transaction(async (tx) => {
    const webhook = await getWebhook(tx, principal, webhookId);
    if (!webhook.enabled)
      throw new Conflict('the webhook is disabled; enable it before sending a test event');
    const [event] = await tx
      .insert(events)
      .values({
        organizationId: principal.organizationId,
        monitorId: null,
        type: 'webhook.test',
        occurredAt: now,
        dedupeKey: `webhook.test:${randomUUID()}`,
        payload: { message: TEST_EVENT_MESSAGE },
      })
      .returning({ id: events.id });
    if (!event) throw new Error('event insert returned no row');
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId: webhookId,
        eventId: event.id,
        messageId: newWebhookMessageId(),
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('delivery insert returned no row');
    return row;
  });
  await enqueueAttempts(queues, [{ deliveryId: delivery.id, attempt: 1, due: now }], now);
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: 'webhook.test',
    monitor: null,
    messageId: delivery.messageId,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastAttemptAt: delivery.lastAttemptAt,
    createdAt: delivery.createdAt,
    attemptLog: [],
  };
}
