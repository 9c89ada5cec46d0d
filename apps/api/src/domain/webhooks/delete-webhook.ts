import { NotFound } from '@mcpulse/core';
import { type Db, deleteOwnedWebhookEndpoint } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/** Its deliveries and their attempt log go with it (foreign keys cascade); attempts in flight find nothing. */
export async function deleteWebhook(db: Db, principal: Principal, webhookId: string): Promise<void> {
  if (!(await deleteOwnedWebhookEndpoint(db, principal.organizationId, webhookId))) {
    throw new NotFound('webhook');
  }
}
