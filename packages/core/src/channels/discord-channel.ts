import type { WebhookEvent } from '../webhook-payload.js';
import { inlineLiteral, type PartStyle, renderParts } from './chat-text.js';
import { summarizeWebhookEvent, type WebhookSeverity } from './event-summary.js';
import type { WebhookChannel } from './webhook-channel.js';

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

/**
 * Discord reads markdown in message content, embed titles and field values:
 * `[Click to fix](https://evil.example)` would be a live link. A backslash
 * before every markdown character keeps words as words.
 */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|>#\-[\]()<@:!]/g, (character) => `\\${character}`);
}

/** A server's words go in inline code, where Discord renders no markdown, link or mention. */
const DISCORD_PARTS: PartStyle = {
  text: escapeDiscord,
  literal: { open: '`', close: '`', body: inlineLiteral },
};

function clip(text: string, max: number): string {
  return renderParts([{ text }], DISCORD_PARTS, max);
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
          value: renderParts(field.value, DISCORD_PARTS, FIELD_VALUE_MAX) || '—',
          inline: field.name !== 'Error' && field.name !== 'URL',
        })),
        timestamp: event.timestamp,
        // Footers are plain text: Discord renders nothing in them.
        footer: { text: `mcpulse · ${event.type} · event ${event.id}` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

export const discordChannel: WebhookChannel<'discord'> = {
  format: 'discord',
  label: 'Discord',
  hint: 'A readable message posted to a Discord webhook URL.',
  urlIsCredential: true,
  contentType: 'application/json',
  render: (event) => JSON.stringify(toDiscordMessage(event)),
};
