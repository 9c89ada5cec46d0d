import { NotFound } from '@mcpulse/core';
import { type Executor, ownedWebhookView, type WebhookView } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/** Another organisation's endpoint is answered exactly like a missing one. */
export async function getWebhook(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  webhookId: string,
): Promise<WebhookView> {
  const webhook = await ownedWebhookView(db, principal.organizationId, webhookId);
  if (!webhook) throw new NotFound('webhook');
  return webhook;
}
