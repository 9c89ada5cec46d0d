import type { WebhookEvent } from './webhook-payload.js';
import { summarizeWebhookEvent, type WebhookSeverity } from './webhook-summary.js';

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
 * Monitor names and URLs are user input: escaped, `<!channel>` or a crafted
 * link in a name stays text instead of pinging a whole channel.
 */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A body for a Slack incoming-webhook URL: `text` for notifications, `blocks` for the message itself. */
export function toSlackMessage(event: WebhookEvent): SlackMessage {
  const summary = summarizeWebhookEvent(event);
  const title = `${EMOJI[summary.severity]} ${summary.title}`;
  const fields = summary.fields.slice(0, FIELDS_MAX).map((field) => ({
    type: 'mrkdwn',
    text: clip(`*${field.name}*\n${escapeSlack(field.value)}`, FIELD_MAX),
  }));
  const blocks: Array<Record<string, unknown>> = [
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
