import { buildWebhookEvent, NotFound } from '@mcpulse/core';
import { renderWebhookBody } from '@mcpulse/core/domain';
import {
  type DeliveryEvent,
  type DeliveryView,
  deliveryEvent,
  type Executor,
  listDeliveries,
  type WebhookView,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';

export interface DeliveryWithPayload extends DeliveryView {
  format: WebhookView['format'];
  /** The JSON body, or null when the event breaks the published schema and so was never sent. */
  payload: unknown;
}

/** The body the sender posts for this event in this format (it renders it anew on every attempt). */
function sentBody(format: WebhookView['format'], event: DeliveryEvent): unknown {
  let body: string;
  try {
    body = renderWebhookBody(format, buildWebhookEvent(event));
  } catch {
    return null;
  }
  return JSON.parse(body);
}

/** One delivery of one of the caller's endpoints with the body it carries; anything else is missing. */
export async function getWebhookDelivery(
  db: Executor,
  principal: Principal,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryWithPayload> {
  const webhook = await getWebhook(db, principal, webhookId);
  const [{ items }, event] = await Promise.all([
    listDeliveries(db, { endpointId: webhookId, deliveryId }, undefined, 1),
    deliveryEvent(db, webhookId, deliveryId),
  ]);
  const [delivery] = items;
  if (!delivery || !event) throw new NotFound('delivery');
  return { ...delivery, format: webhook.format, payload: sentBody(webhook.format, event) };
}
