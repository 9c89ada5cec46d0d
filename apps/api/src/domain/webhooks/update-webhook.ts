import { NotFound, ValidationFailed } from '@mcpulse/core';
import {
  inTransaction,
  ownedWebhookEndpoint,
  updateOwnedWebhookEndpoint,
  type WebhookView,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getWebhook } from './get-webhook.js';
import type { WebhookDeps } from './webhook-deps.js';
import { checkMonitorIds, checkWebhookUrl, type WebhookSettings } from './webhook-settings.js';
import { fullUrl, storedUrl } from './webhook-url.js';

export type UpdateWebhookInput = Partial<WebhookSettings> & { enabled?: boolean | undefined };

/** Re-enabling gives the endpoint a clean slate; disabling by hand says so in `disabledReason`. */
function enabledChange(enabled: boolean | undefined) {
  if (enabled === undefined) return {};
  if (enabled) return { enabled, disabledReason: null, failingSince: null };
  return { enabled, disabledReason: 'manual' };
}

export async function updateWebhook(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
  input: UpdateWebhookInput,
): Promise<WebhookView> {
  const { enabled, url, ...settings } = input;
  const { organizationId } = principal;
  return inTransaction(deps.db, async (tx) => {
    const current = await ownedWebhookEndpoint(tx, organizationId, webhookId, { forUpdate: true });
    if (!current) throw new NotFound('webhook');
    // A chat endpoint's URL reads back masked; sent back as it reads, it means "keep the saved one".
    const newUrl = url !== undefined && url !== current.url ? url : undefined;
    if (newUrl !== undefined) checkWebhookUrl(deps, newUrl);
    // A sealed URL is never turned back into one in view: leaving a chat format takes a new URL.
    if (current.urlSealed !== null && newUrl === undefined && settings.format === 'standard') {
      throw new ValidationFailed(
        'url',
        'url: a Slack or Discord URL stays sealed; moving the endpoint to the standard format takes its new URL',
      );
    }
    const urlChange =
      newUrl !== undefined || (settings.format !== undefined && settings.format !== current.format)
        ? storedUrl(
            deps.secretKey,
            webhookId,
            newUrl ?? fullUrl(deps.secretKey, webhookId, current),
            settings.format ?? current.format,
          )
        : {};
    if (settings.monitorIds !== undefined) {
      await checkMonitorIds(tx, organizationId, settings.monitorIds);
    }
    // Disabling what is already disabled keeps the reason the sender gave.
    const toggle = enabled === current.enabled ? {} : enabledChange(enabled);
    const changes = { ...settings, ...urlChange, ...toggle };
    if (Object.keys(changes).length > 0) {
      await updateOwnedWebhookEndpoint(tx, organizationId, webhookId, changes);
    }
    return getWebhook(tx, principal, webhookId);
  });
}
