import type { WebhookChannel } from './webhook-channel.js';

/** The signed JSON event itself (Standard Webhooks), as published in docs/webhooks.md. */
export const standardChannel: WebhookChannel<'standard'> = {
  format: 'standard',
  label: 'Standard Webhooks (JSON, signed)',
  hint: 'The signed JSON event (Standard Webhooks), for your own receiver.',
  urlIsCredential: false,
  contentType: 'application/json',
  render: (event) => JSON.stringify(event),
};
