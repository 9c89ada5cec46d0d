import { NotFound, newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { inTransaction, ownedWebhookEndpoint, updateOwnedWebhookEndpoint } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import type { WebhookDeps } from './webhook-deps.js';

/** How long the replaced secret keeps signing, so receivers can switch without missing a webhook. */
export const SECRET_ROTATION_WINDOW_MS = 24 * 3_600_000;

/**
 * A new signing secret, returned once. During the window every webhook is
 * signed with both, so a receiver verifies whichever secret it holds.
 */
export async function rotateWebhookSecret(
  deps: Pick<WebhookDeps, 'db' | 'secretKey'>,
  principal: Principal,
  webhookId: string,
  now: Date,
): Promise<{ secret: string }> {
  const secret = newWebhookSecret();
  const { organizationId } = principal;
  await inTransaction(deps.db, async (tx) => {
    const current = await ownedWebhookEndpoint(tx, organizationId, webhookId, { forUpdate: true });
    if (!current) throw new NotFound('webhook');
    await updateOwnedWebhookEndpoint(tx, organizationId, webhookId, {
      secretSealed: sealWebhookSecret(deps.secretKey, webhookId, secret),
      previousSecretSealed: current.secretSealed,
      previousSecretExpiresAt: new Date(now.getTime() + SECRET_ROTATION_WINDOW_MS),
    });
  });
  return { secret };
}
