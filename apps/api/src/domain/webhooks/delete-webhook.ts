import { NotFound } from '@mcpulse/core';
import { type Db, webhookEndpoints } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

/** Its deliveries and their attempt log go with it (foreign keys cascade); attempts in flight find nothing. */
export async function deleteWebhook(db: Db, principal: Principal, webhookId: string): Promise<void> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(
      and(eq(webhookEndpoints.id, webhookId), eq(webhookEndpoints.organizationId, principal.organizationId)),
    )
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new NotFound('webhook');
}
