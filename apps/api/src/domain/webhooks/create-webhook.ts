import { randomUUID } from 'node:crypto';
import { newWebhookSecret, QuotaExceeded, sealWebhookSecret } from '@mcpulse/core';
import {
  countWebhookEndpoints,
  type Executor,
  insertWebhookEndpoint,
  inTransaction,
  organizationById,
  type WebhookView,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';
import type { WebhookDeps } from './webhook-deps.js';
import { checkMonitorIds, checkWebhookUrl, type WebhookSettings } from './webhook-settings.js';
import { storedUrl } from './webhook-url.js';

export interface CreatedWebhook {
  webhook: WebhookView;
  /** Returned here and on rotation only; at rest it is sealed under the endpoint's id. */
  secret: string;
}

/** Endpoints one organisation may have: far above any real need, and a bound on one event's fan-out. */
export const WEBHOOK_ENDPOINTS_PER_ORGANIZATION = 25;

/** Counts under the organisation row's lock, so that concurrent creates cannot overshoot. */
async function assertEndpointQuota(tx: Executor, organizationId: string): Promise<void> {
  await organizationById(tx, organizationId, { forUpdate: true });
  if ((await countWebhookEndpoints(tx, organizationId)) >= WEBHOOK_ENDPOINTS_PER_ORGANIZATION) {
    throw new QuotaExceeded(
      `an organisation may have ${WEBHOOK_ENDPOINTS_PER_ORGANIZATION} webhook endpoints; delete one first`,
      WEBHOOK_ENDPOINTS_PER_ORGANIZATION,
    );
  }
}

export async function createWebhook(
  deps: WebhookDeps,
  principal: Principal,
  settings: WebhookSettings,
): Promise<CreatedWebhook> {
  checkWebhookUrl(deps, settings.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const webhook = await inTransaction(deps.db, async (tx) => {
    await assertEndpointQuota(tx, principal.organizationId);
    await checkMonitorIds(tx, principal.organizationId, settings.monitorIds);
    await insertWebhookEndpoint(tx, {
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
