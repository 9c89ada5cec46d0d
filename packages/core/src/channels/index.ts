import type { WebhookEvent } from '../webhook-payload.js';
import { discordChannel } from './discord-channel.js';
import { slackChannel } from './slack-channel.js';
import { standardChannel } from './standard-channel.js';
import type { WebhookChannel } from './webhook-channel.js';

/** Every channel, by the format an endpoint stores. The first is the default. */
export const WEBHOOK_CHANNELS = {
  standard: standardChannel,
  slack: slackChannel,
  discord: discordChannel,
} as const satisfies { [Format in string]: WebhookChannel<Format> };

export type WebhookFormat = keyof typeof WEBHOOK_CHANNELS;
export const WEBHOOK_FORMATS = Object.keys(WEBHOOK_CHANNELS) as [WebhookFormat, ...WebhookFormat[]];
export const DEFAULT_WEBHOOK_FORMAT: WebhookFormat = WEBHOOK_FORMATS[0];

/** The formats whose URL is a credential, sealed at rest and shown by its origin only. */
export const CREDENTIAL_URL_FORMATS = WEBHOOK_FORMATS.filter(
  (format) => WEBHOOK_CHANNELS[format].urlIsCredential,
);

export function webhookChannel(format: WebhookFormat): WebhookChannel<WebhookFormat> {
  return WEBHOOK_CHANNELS[format];
}

/** The exact bytes sent and signed for an endpoint of the given format. */
export function renderWebhookBody(format: WebhookFormat, event: WebhookEvent): string {
  return WEBHOOK_CHANNELS[format].render(event);
}
