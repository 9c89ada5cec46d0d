import { toDiscordMessage } from './discord-format.js';
import { toSlackMessage } from './slack-format.js';
import type { WebhookEvent } from './webhook-payload.js';

export const WEBHOOK_BODY_FORMATS = ['standard', 'slack', 'discord'] as const;
export type WebhookBodyFormat = (typeof WEBHOOK_BODY_FORMATS)[number];

/** The exact bytes sent and signed for an endpoint of the given format. */
export function renderWebhookBody(format: WebhookBodyFormat, event: WebhookEvent): string {
  if (format === 'slack') return JSON.stringify(toSlackMessage(event));
  if (format === 'discord') return JSON.stringify(toDiscordMessage(event));
  return JSON.stringify(event);
}
