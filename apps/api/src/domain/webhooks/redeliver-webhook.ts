import type { DeliveryView } from '@mcpulse/db';
import { enqueueManualAttempt } from '@mcpulse/engine';
import type { Principal } from '../../auth/principal.js';
import { findDelivery } from './find-delivery.js';
import { queueOf } from './queue-of.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * Queues one more attempt of a delivery, now, under its own `webhook-id`, so a
 * receiver that already processed it can tell. It runs whatever the delivery's
 * status and the endpoint's state: a person asked for it.
 */
export async function redeliverWebhook(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryView> {
  const queues = queueOf(deps);
  const delivery = await findDelivery(deps.db, principal, webhookId, deliveryId);
  await enqueueManualAttempt(queues, delivery.id);
  return delivery;
}
