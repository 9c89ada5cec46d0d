import { NotFound, newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { webhookEndpoints } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
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
  await deps.db.transaction(async (tx) => {
    const scope = and(
      eq(webhookEndpoints.id, webhookId),
      eq(webhookEndpoints.organizationId, principal.organizationId),
    );
    const [current] = await tx
      .select({ secretSealed: webhookEndpoints.secretSealed })
      .from(webhookEndpoints)
      .where(scope)
      .for('update');
    if (!current) throw new NotFound('webhook');
    await tx
      .update(webhookEndpoints)
      .set({
        secretSealed: sealWebhookSecret(deps.secretKey, webhookId, secret),
        previousSecretSealed: current.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + SECRET_ROTATION_WINDOW_MS),
      })
      .where(scope);
  });
  return { secret };
}
