import { NotFound } from '@mcpulse/core';
import { type DeliveryView, type Executor, listDeliveries } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';

/** One delivery of one of the caller's endpoints; anything else is answered as missing. */
export async function findDelivery(
  db: Executor,
  principal: Principal,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryView> {
  await getWebhook(db, principal, webhookId);
  const { items } = await listDeliveries(db, { endpointId: webhookId, deliveryId }, undefined, 1);
  const [delivery] = items;
  if (!delivery) throw new NotFound('delivery');
  return delivery;
}
