import { describe, expect, it } from 'vitest';
import { snapshotLimitText } from '../domain/snapshot-limit-text.js';
import { STORED } from '../test-support/stored-events.js';
import { buildWebhookEvent, type StoredWebhookEvent } from '../webhook-payload.js';
import { toDiscordMessage } from './discord-channel.js';
import { CREDENTIAL_URL_FORMATS, renderWebhookBody, WEBHOOK_CHANNELS, WEBHOOK_FORMATS } from './index.js';
import { toSlackMessage } from './slack-channel.js';

const down = buildWebhookEvent(STORED.down!);

function withPayload(stored: StoredWebhookEvent, changes: Record<string, unknown>) {
  return buildWebhookEvent({ ...stored, payload: { ...(stored.payload as object), ...changes } });
}

const EVIL_LINK = '[Click to fix](https://evil.example)';

/** A drift whose tool names, and a down event whose error message, were chosen by a hostile server. */
const hostileDrift = withPayload(STORED.drift!, {
  diff: {
    identical: false,
    breaking: true,
    added: [{ name: EVIL_LINK, class: 'compatible' }],
    removed: [{ name: '<!channel> `x` @everyone', class: 'breaking' }],
    changed: [],
    descriptionChanges: [],
  },
});
const hostileDown = withPayload(STORED.down!, {
  error: { code: 'http_error', message: `HTTP 500: ${EVIL_LINK} <https://evil.example|login> **now**` },
});

/** Drifts whose diff could not be computed, for each reason there can be. */
const undiffed = (diffUnavailable: string | undefined) =>
  withPayload(STORED.drift!, { diff: null, breaking: null, diffUnavailable });

function slackFields(event: ReturnType<typeof buildWebhookEvent>): string[] {
  return (toSlackMessage(event).blocks[1] as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
}

function discordText(event: ReturnType<typeof buildWebhookEvent>): string {
  const message = toDiscordMessage(event);
  return [message.content, ...message.embeds.flatMap((e) => [e.title, ...e.fields.map((f) => f.value)])].join(
    '\n',
  );
}

/** Every run of text outside inline code spans: what Discord or Slack would read as markup. */
function outsideCode(text: string): string {
  return text.replace(/`[^`\n]*`/g, '');
}

describe('the channel registry', () => {
  it('derives the formats and the credential formats from the channels', () => {
    expect(WEBHOOK_FORMATS).toEqual(['standard', 'slack', 'discord']);
    expect(CREDENTIAL_URL_FORMATS).toEqual(['slack', 'discord']);
    for (const format of WEBHOOK_FORMATS) expect(WEBHOOK_CHANNELS[format].format).toBe(format);
  });

  it('renders each format as the JSON that is signed and sent', () => {
    expect(JSON.parse(renderWebhookBody('standard', down))).toEqual(down);
    expect(JSON.parse(renderWebhookBody('slack', down))).toHaveProperty('blocks');
    expect(JSON.parse(renderWebhookBody('discord', down))).toHaveProperty('embeds');
  });
});

describe('Slack bodies', () => {
  it('gives a text fallback and blocks with a header, the details and the event id', () => {
    const message = toSlackMessage(down);
    expect(message.text).toBe(':red_circle: Docs MCP is down');
    expect(message.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    const fields = (message.blocks[1] as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
    expect(fields).toContain('*Error*\ntimeout: `no answer`');
    expect(JSON.stringify(message.blocks[2])).toContain(down.id);
  });

  it('escapes user text so a monitor name cannot ping a channel', () => {
    const message = toSlackMessage(
      withPayload(STORED.down!, { monitor: { ...down.data.monitor, name: '<!channel> & co' } }),
    );
    expect(message.text).toContain('&lt;!channel&gt; &amp; co');
    // Slack never parses mentions or links in plain_text, so the header shows the name as it is.
    expect(message.blocks[0]).toMatchObject({ text: { type: 'plain_text' } });
    const parsed = message.blocks.filter((block) => block.type !== 'header');
    expect(JSON.stringify(parsed)).not.toContain('<!channel>');
  });

  it("puts a server's words in inline code, with no link, mention or bare URL left alive", () => {
    for (const event of [hostileDrift, hostileDown]) {
      const fields = (toSlackMessage(event).blocks[1] as { fields: Array<{ text: string }> }).fields;
      const text = fields.map((field) => field.text).join('\n');
      expect(text).not.toMatch(/<[^&]/);
      expect(text).not.toContain('https://evil');
      expect(outsideCode(text)).not.toContain('evil');
    }
    const removed = (
      toSlackMessage(hostileDrift).blocks[1] as { fields: Array<{ text: string }> }
    ).fields.find((field) => field.text.startsWith('*Removed*'));
    // A grave accent in a tool name cannot close the span early.
    expect(removed?.text).toBe('*Removed*\n`&lt;!channel&gt; ˋxˋ @everyone`');
  });

  it('keeps fields within their limit without leaving a code span open', () => {
    const long = withPayload(STORED.down!, { error: { code: 'timeout', message: `${'x'.repeat(5000)}` } });
    const fields = (toSlackMessage(long).blocks[1] as { fields: Array<{ text: string }> }).fields;
    const error = fields.find((field) => field.text.startsWith('*Error*'))!.text;
    expect(error.length).toBeLessThanOrEqual(2000);
    expect(error.endsWith('…`')).toBe(true);
    expect(error.split('`').length % 2).toBe(1);
  });
});

describe('Discord bodies', () => {
  it('gives content and one coloured embed, with mentions switched off', () => {
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

  it('keeps within its field limits without leaving a code span open', () => {
    const long = withPayload(STORED.down!, { error: { code: 'timeout', message: 'x'.repeat(5000) } });
    const error = toDiscordMessage(long).embeds[0]?.fields.find((field) => field.name === 'Error');
    expect(error?.value.length).toBeLessThanOrEqual(1024);
    expect(error?.value.startsWith('timeout\\: `xxx')).toBe(true);
    expect(error?.value.endsWith('…`')).toBe(true);
  });

  it('names breaking drift and the removed tools', () => {
    const drift = buildWebhookEvent(STORED.drift!);
    expect(toSlackMessage(drift).text).toBe(':warning: Breaking tool change on Docs MCP');
    expect(toDiscordMessage(drift).embeds[0]?.fields).toContainEqual({
      name: 'Removed',
      value: '`search`',
      inline: true,
    });
  });

  it('never lets a tool name or an error message become a live link', () => {
    for (const event of [hostileDrift, hostileDown]) {
      const text = discordText(event);
      expect(text).toContain(EVIL_LINK);
      // Outside code spans nothing of the server's is left to be read as markdown.
      expect(outsideCode(text)).not.toContain('evil');
    }
    const removed = toDiscordMessage(hostileDrift).embeds[0]?.fields.find(
      (field) => field.name === 'Removed',
    );
    expect(removed?.value).toBe('`<!channel> ˋxˋ @everyone`');
  });

  it('escapes markdown in names the owner chose', () => {
    const message = toDiscordMessage(
      withPayload(STORED.down!, { monitor: { ...down.data.monitor, name: EVIL_LINK } }),
    );
    expect(message.content).toBe('\\[Click to fix\\]\\(https\\://evil.example\\) is down');
    expect(message.embeds[0]?.title).toBe(message.content);
  });
});

describe('a drift without a diff', () => {
  it('says why in Slack and Discord, with the limit that applied and the new hash', () => {
    const large = undiffed('too_large');
    const slack = slackFields(large);
    const limit = snapshotLimitText('too_large');
    expect(slack).toContain(`*No diff*\nA tool list was too large to keep (${limit}).`);
    expect(slack).toContain(`*New schema hash*\n\`${'b'.repeat(64)}\``);
    expect(toDiscordMessage(large).embeds[0]?.fields).toContainEqual({
      name: 'No diff',
      value: `A tool list was too large to keep \\(${limit}\\).`,
      inline: true,
    });
    expect(toSlackMessage(large).text).toBe(':large_blue_circle: Tools changed on Docs MCP');
  });

  it('names each reason, and reads an event stored before reasons were recorded as a missing snapshot', () => {
    const noDiff = (event: ReturnType<typeof buildWebhookEvent>) =>
      slackFields(event).find((field) => field.startsWith('*No diff*'));
    expect(noDiff(undiffed('too_frequent'))).toBe(
      `*No diff*\nThe tools changed too often to keep (${snapshotLimitText('too_frequent')}).`,
    );
    expect(noDiff(undiffed('not_stored'))).toBe('*No diff*\nNo earlier snapshot to compare.');
    expect(noDiff(undiffed(undefined))).toBe('*No diff*\nNo earlier snapshot to compare.');
    // A drift with its diff lists the tools instead.
    expect(noDiff(buildWebhookEvent(STORED.drift!))).toBeUndefined();
  });
});

describe('protocol changes in chat', () => {
  /** A protocol change whose negotiated version a hostile server chose. */
  const hostileProtocol = withPayload(STORED.protocol!, {
    to: { era: 'modern', protocolVersion: `<!channel> ${EVIL_LINK}`, transport: 'sse' },
    changed: ['era', 'protocolVersion', 'transport'],
  });

  it('names both protocols and what changed, in Slack and Discord', () => {
    const event = buildWebhookEvent(STORED.protocol!);
    expect(toSlackMessage(event).text).toBe(':large_blue_circle: Protocol changed on Docs MCP');
    expect(slackFields(event)).toEqual([
      '*URL*\nhttps://mcp.example.com/mcp',
      '*From*\n`2025-11-25 (legacy, streamable-http)`',
      '*To*\n`2026-07-28 (modern, streamable-http)`',
      '*What changed*\nera, protocolVersion',
    ]);
    expect(toDiscordMessage(event).embeds[0]?.fields).toContainEqual({
      name: 'To',
      value: '`2026-07-28 (modern, streamable-http)`',
      inline: true,
    });
  });

  it("keeps a server's protocol version inert: no mention, link or markup comes alive", () => {
    const slack = slackFields(hostileProtocol).join('\n');
    expect(slack).not.toMatch(/<[^&]/);
    expect(outsideCode(slack)).not.toContain('evil');
    expect(slack).toContain('`&lt;!channel&gt; [Click to fix](https:\u200b//evil.example) (modern, sse)`');
    const discord = discordText(hostileProtocol);
    expect(outsideCode(discord)).not.toContain('evil');
    expect(discord).toContain(`\`<!channel> ${EVIL_LINK} (modern, sse)\``);
  });

  it('marks a drift across a protocol change, with the protocols as the server spelled them', () => {
    const across = withPayload(STORED.drift!, {
      protocolChange: {
        from: (STORED.protocol!.payload as { from: unknown }).from,
        to: { era: 'modern', protocolVersion: EVIL_LINK, transport: 'streamable-http' },
      },
    });
    const field = slackFields(across).find((text) => text.startsWith('*Across a protocol change*'));
    expect(field).toBe(
      '*Across a protocol change*\n`2025-11-25 (legacy, streamable-http)` → `[Click to fix](https:\u200b//evil.example) (modern, streamable-http)`: the same tools can hash differently in another era',
    );
    expect(outsideCode(discordText(across))).not.toContain('evil');
    // A drift within one protocol says nothing of protocols.
    expect(slackFields(buildWebhookEvent(STORED.drift!)).some((text) => text.includes('protocol'))).toBe(
      false,
    );
  });
});
