import { type Db, listWebhookViews, type WebhookView } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

export async function listWebhooks(db: Db, principal: Principal): Promise<WebhookView[]> {
  return listWebhookViews(db, principal.organizationId);
}
