import { type Db, webhookEndpoints } from '@mcpulse/db';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { queryWebhookViews, type WebhookView } from './webhook-view.js';

export async function listWebhooks(db: Db, principal: Principal): Promise<WebhookView[]> {
  return queryWebhookViews(db, eq(webhookEndpoints.organizationId, principal.organizationId));
}
