import type { WebhookEvent } from '../webhook-payload.js';
import { inlineLiteral, type PartStyle, renderParts } from './chat-text.js';
import { summarizeWebhookEvent, type WebhookSeverity } from './event-summary.js';
import type { WebhookChannel } from './webhook-channel.js';

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const EMOJI: Record<WebhookSeverity, string> = {
  down: ':red_circle:',
  degraded: ':large_orange_circle:',
  up: ':large_green_circle:',
  breaking: ':warning:',
  changed: ':large_blue_circle:',
  test: ':white_check_mark:',
};

// Slack's documented limits: a header is 150 characters, a section field 2,000, a section at most 10 fields.
const HEADER_MAX = 150;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * In mrkdwn, `<…>` is a link or a mention and `&` starts an entity: escaped,
 * `<!channel>` or `<https://evil|Click to fix>` stays text.
 */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * A server's words go in inline code, where Slack formats nothing; a
 * zero-width space after each scheme keeps Slack from turning a bare URL a
 * server chose into a link.
 */
const SLACK_PARTS: PartStyle = {
  text: escapeSlack,
  literal: {
    open: '`',
    close: '`',
    body: (value) => escapeSlack(inlineLiteral(value)).replace(/:\/\//g, ':\u200b//'),
  },
};

/** A body for a Slack incoming-webhook URL: `text` for notifications, `blocks` for the message itself. */
export function toSlackMessage(event: WebhookEvent): SlackMessage {
  const summary = summarizeWebhookEvent(event);
  const title = `${EMOJI[summary.severity]} ${summary.title}`;
  const fields = summary.fields.slice(0, FIELDS_MAX).map((field) => {
    const label = `*${escapeSlack(field.name)}*\n`;
    return { type: 'mrkdwn', text: label + renderParts(field.value, SLACK_PARTS, FIELD_MAX - label.length) };
  });
  const blocks: Array<Record<string, unknown>> = [
    // plain_text: Slack parses neither links nor mentions in it, so the title is shown as it is.
    { type: 'header', text: { type: 'plain_text', text: clip(title, HEADER_MAX), emoji: true } },
  ];
  if (fields.length) blocks.push({ type: 'section', fields });
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `mcpulse · \`${event.type}\` · ${event.timestamp} · event ${event.id}` },
    ],
  });
  return { text: escapeSlack(title), blocks };
}

export const slackChannel: WebhookChannel<'slack'> = {
  format: 'slack',
  label: 'Slack',
  hint: 'A readable message posted to a Slack incoming-webhook URL.',
  urlIsCredential: true,
  contentType: 'application/json',
  render: (event) => JSON.stringify(toSlackMessage(event)),
};
