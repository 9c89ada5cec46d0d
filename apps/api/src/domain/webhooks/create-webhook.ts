import { randomUUID } from 'node:crypto';
import { newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { webhookEndpoints } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';
import type { WebhookDeps } from './webhook-deps.js';
import { checkMonitorIds, checkWebhookUrl, type WebhookSettings } from './webhook-settings.js';
import { storedUrl } from './webhook-url.js';
import type { WebhookView } from './webhook-view.js';

export interface CreatedWebhook {
  webhook: WebhookView;
  /** Returned here and on rotation only; at rest it is sealed under the endpoint's id. */
  secret: string;
}

export async function createWebhook(
  deps: WebhookDeps,
  principal: Principal,
  settings: WebhookSettings,
): Promise<CreatedWebhook> {
  checkWebhookUrl(deps, settings.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const webhook = await deps.db.transaction(async (tx) => {
    await checkMonitorIds(tx, principal.organizationId, settings.monitorIds);
    await tx.insert(webhookEndpoints).values({
      id,
      organizationId: principal.organizationId,
      ...settings,
      ...storedUrl(deps.secretKey, id, settings.url, settings.format),
      secretSealed: sealWebhookSecret(deps.secretKey, id, secret),
    });
    return getWebhook(tx, principal, id);
  });
  return { webhook, secret };
}
