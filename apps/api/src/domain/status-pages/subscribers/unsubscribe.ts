import { deletePageSubscriber } from '@mcpulse/db';
import type { WebhookDeps } from '../../webhooks/webhook-deps.js';
import { subscriberWithToken } from './subscriber-token-check.js';

/** Ends a subscription with the token every message to it carries; its delivery log goes with it. */
export async function unsubscribe(
  deps: Pick<WebhookDeps, 'db' | 'secretKey'>,
  request: { slug: string; id: string; token: string },
  now: Date,
): Promise<void> {
  const { page } = await subscriberWithToken(
    deps.db,
    deps.secretKey,
    { ...request, purpose: 'unsubscribe' },
    now,
  );
  await deletePageSubscriber(deps.db, page.id, request.id);
}
