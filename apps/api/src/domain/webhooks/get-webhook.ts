import { NotFound } from '@mcpulse/core';
import { type Executor, webhookEndpoints } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { queryWebhookViews, type WebhookView } from './webhook-view.js';

/** Another organisation's endpoint is answered exactly like a missing one. */
export async function getWebhook(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  webhookId: string,
): Promise<WebhookView> {
  const [webhook] = await queryWebhookViews(
    db,
    and(eq(webhookEndpoints.organizationId, principal.organizationId), eq(webhookEndpoints.id, webhookId)),
  );
  if (!webhook) throw new NotFound('webhook');
  return webhook;
}
