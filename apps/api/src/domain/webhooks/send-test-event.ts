import { randomUUID } from 'node:crypto';
import { Conflict, TEST_EVENT_MESSAGE } from '@mcpulse/core';
import { type DeliveryView, insertTestDelivery, inTransaction } from '@mcpulse/db';
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
  const delivery = await inTransaction(deps.db, async (tx) => {
    const webhook = await getWebhook(tx, principal, webhookId);
    if (!webhook.enabled)
      throw new Conflict('the webhook is disabled; enable it before sending a test event');
    return insertTestDelivery(tx, {
      organizationId: principal.organizationId,
      endpointId: webhookId,
      dedupeKey: `webhook.test:${randomUUID()}`,
      payload: { message: TEST_EVENT_MESSAGE },
      messageId: newWebhookMessageId(),
      now,
    });
  });
  // A test goes to one of the organisation's own endpoints (its webhook API never reaches a subscriber).
  await enqueueAttempts(queues, [{ deliveryId: delivery.id, attempt: 1, due: now, subscriberOf: null }], now);
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
