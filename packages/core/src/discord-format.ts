import type { WebhookEvent } from './webhook-payload.js';
import { summarizeWebhookEvent, type WebhookSeverity } from './webhook-summary.js';

export interface DiscordMessage {
  content: string;
  embeds: Array<{
    title: string;
    color: number;
    fields: Array<{ name: string; value: string; inline: boolean }>;
    timestamp: string;
    footer: { text: string };
  }>;
  /** Always empty: nothing in a message may ping @everyone, a role or a user. */
  allowed_mentions: { parse: never[] };
}

const COLORS: Record<WebhookSeverity, number> = {
  down: 0xe01e5a,
  degraded: 0xecb22e,
  up: 0x2eb67d,
  breaking: 0xe01e5a,
  changed: 0x36c5f0,
  test: 0x6b7280,
};

// Discord's documented limits for content, embed titles, field names and values, and fields per embed.
const CONTENT_MAX = 2000;
const TITLE_MAX = 256;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
const FIELDS_MAX = 25;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A body for a Discord webhook URL: `content` for notifications, one embed with the details. */
export function toDiscordMessage(event: WebhookEvent): DiscordMessage {
  const summary = summarizeWebhookEvent(event);
  return {
    content: clip(summary.title, CONTENT_MAX),
    embeds: [
      {
        title: clip(summary.title, TITLE_MAX),
        color: COLORS[summary.severity],
        fields: summary.fields.slice(0, FIELDS_MAX).map((field) => ({
          name: clip(field.name, FIELD_NAME_MAX),
          value: clip(field.value, FIELD_VALUE_MAX) || '—',
          inline: field.name !== 'Error' && field.name !== 'URL',
        })),
        timestamp: event.timestamp,
        footer: { text: `mcpulse · ${event.type} · event ${event.id}` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}
