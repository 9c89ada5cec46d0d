import { describe, expect, it } from 'vitest';
import { toDiscordMessage } from './discord-format.js';
import { toSlackMessage } from './slack-format.js';
import { STORED } from './test-support/stored-events.js';
import { renderWebhookBody } from './webhook-body.js';
import { buildWebhookEvent } from './webhook-payload.js';

const down = buildWebhookEvent(STORED.down!);

describe('Slack and Discord bodies', () => {
  it('gives Slack a text fallback and blocks with a header, the details and the event id', () => {
    const message = toSlackMessage(down);
    expect(message.text).toBe(':red_circle: Docs MCP is down');
    expect(message.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    const fields = (message.blocks[1] as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
    expect(fields).toContain('*Error*\ntimeout: no answer');
    expect(JSON.stringify(message.blocks[2])).toContain(down.id);
  });

  it('escapes user text for Slack so a monitor name cannot ping a channel', () => {
    const hostile = buildWebhookEvent({
      ...STORED.down!,
      payload: {
        ...(STORED.down!.payload as object),
        monitor: { ...down.data.monitor, name: '<!channel> & co' },
      },
    });
    const message = toSlackMessage(hostile);
    expect(message.text).toContain('&lt;!channel&gt; &amp; co');
    // Slack never parses mentions or links in plain_text, so the header shows the name as it is.
    expect(message.blocks[0]).toMatchObject({ text: { type: 'plain_text' } });
    const parsed = message.blocks.filter((block) => block.type !== 'header');
    expect(JSON.stringify(parsed)).not.toContain('<!channel>');
  });

  it('gives Discord content and one coloured embed, with mentions switched off', () => {
    const message = toDiscordMessage(buildWebhookEvent(STORED.up!));
    expect(message.content).toBe('Docs MCP is up again');
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]).toMatchObject({ color: 0x2eb67d, timestamp: '2026-11-26T10:01:30.000Z' });
    expect(message.embeds[0]?.fields).toContainEqual({
      name: 'Incident lasted',
      value: '12 min 34 s',
      inline: true,
    });
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps Discord within its field limits', () => {
    const long = buildWebhookEvent({
      ...STORED.down!,
      payload: { ...(STORED.down!.payload as object), error: { code: 'timeout', message: 'x'.repeat(5000) } },
    });
    const error = toDiscordMessage(long).embeds[0]?.fields.find((field) => field.name === 'Error');
    expect(error?.value.length).toBe(1024);
  });

  it('names breaking drift and the removed tools', () => {
    const drift = buildWebhookEvent(STORED.drift!);
    expect(toSlackMessage(drift).text).toBe(':warning: Breaking tool change on Docs MCP');
    expect(toDiscordMessage(drift).embeds[0]?.fields).toContainEqual({
      name: 'Removed',
      value: 'search',
      inline: true,
    });
  });

  it('renders each format as the JSON that is signed and sent', () => {
    expect(JSON.parse(renderWebhookBody('standard', down))).toEqual(down);
    expect(JSON.parse(renderWebhookBody('slack', down))).toHaveProperty('blocks');
    expect(JSON.parse(renderWebhookBody('discord', down))).toHaveProperty('embeds');
  });
});
