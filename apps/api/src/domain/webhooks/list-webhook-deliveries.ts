import { type DeliveryView, type Executor, listDeliveries, type Page } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';

export interface DeliveriesQuery {
  cursor?: string | undefined;
  limit: number;
}

/** The delivery log of one of the caller's endpoints, newest first, with every attempt. */
export async function listWebhookDeliveries(
  db: Executor,
  principal: Principal,
  webhookId: string,
  query: DeliveriesQuery,
): Promise<Page<DeliveryView>> {
  await getWebhook(db, principal, webhookId);
  return listDeliveries(db, { endpointId: webhookId }, query.cursor, query.limit);
}
