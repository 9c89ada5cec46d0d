import type { QueueBackend } from '@mcpulse/queue';
import type { WebhookDeps } from './webhook-deps.js';

/** Every deployment passes a queue; an app built without one cannot send anything by hand. */
export function queueOf(deps: Pick<WebhookDeps, 'queues'>): QueueBackend {
  if (!deps.queues) throw new Error('this app was built without a queue, so it cannot send webhooks');
  return deps.queues;
}
