import type { WebhookDisabledReason } from '@mcpulse/core/domain';

/** Why the sender stopped sending to an endpoint, in the owner's words (docs/webhooks.md). */
export const DISABLED_WORDS: Record<WebhookDisabledReason, string> = {
  gone: 'the receiver answered 410 Gone, which asks senders to stop',
  failing: 'every attempt failed for 24 hours',
  manual: 'disabled by hand',
};
