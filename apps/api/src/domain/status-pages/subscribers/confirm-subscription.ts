import { confirmPageSubscriber } from '@mcpulse/db';
import type { WebhookDeps } from '../../webhooks/webhook-deps.js';
import { subscriberWithToken } from './subscriber-token-check.js';

/** Confirms a subscription with the token its confirmation message carried; confirming twice is fine. */
export async function confirmSubscription(
  deps: Pick<WebhookDeps, 'db' | 'secretKey'>,
  request: { slug: string; id: string; token: string },
  now: Date,
): Promise<{ id: string; status: 'confirmed' }> {
  const { page } = await subscriberWithToken(
    deps.db,
    deps.secretKey,
    { ...request, purpose: 'confirm' },
    now,
  );
  await confirmPageSubscriber(deps.db, page.id, request.id, now);
  return { id: request.id, status: 'confirmed' };
}
