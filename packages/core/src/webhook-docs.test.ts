import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES } from './domain/event-values.js';
import { statusPageEventSchema } from './status-page-payload.js';
import { WEBHOOK_RETRY_POLICY, webhookRetryCeilingMs } from './webhook-backoff.js';
import { webhookEventSchema } from './webhook-payload.js';

const DOC = path.resolve(import.meta.dirname, '../../../docs/webhooks.md');

/** The JSON examples of a part of the page that carry an event id and a type. */
function examplesIn(part: string): Array<Record<string, unknown>> {
  return [...part.matchAll(/```json\n([\s\S]*?)\n```/g)]
    .map((match) => JSON.parse(match[1]!) as Record<string, unknown>)
    .filter((example) => /^[0-9a-f-]{36}$/.test(String(example.id)) && 'type' in example);
}

describe('docs/webhooks.md', () => {
  const whole = readFileSync(DOC, 'utf8');
  const subscribersAt = whole.indexOf('\n## Status page subscribers\n');
  const nextAt = whole.indexOf('\n## ', subscribersAt + 1);
  // The organisation's own webhooks; status page subscribers get other messages, checked apart.
  const text = whole.slice(0, subscribersAt) + whole.slice(nextAt);
  const subscribers = whole.slice(subscribersAt, nextAt);

  it('publishes exactly the JSON Schema the payloads are checked against', () => {
    const block =
      /<!-- webhook-event-schema:start -->\n```json\n([\s\S]*?)\n```\n<!-- webhook-event-schema:end -->/.exec(
        text,
      );
    expect(block, 'the schema block between its markers').not.toBeNull();
    // To refresh it, replace the block with this test's expected value.
    expect(JSON.parse(block![1]!)).toEqual(z.toJSONSchema(webhookEventSchema));
  });

  it('lists every event type in the events table, and names its schema among the components', () => {
    const rows = [...text.matchAll(/^\| `([a-z]+\.[a-z]+)` \|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...EVENT_TYPES].sort());
    const schema = z.toJSONSchema(webhookEventSchema) as { $defs: Record<string, unknown> };
    for (const id of Object.keys(schema.$defs).filter((name) => name.startsWith('WebhookEvent'))) {
      expect(text, `the components list names ${id}`).toContain(`\`${id}\``);
    }
  });

  it('shows every event type but the test event in a whole example the schema accepts', () => {
    const examples = examplesIn(text);
    for (const example of examples) expect(() => webhookEventSchema.parse(example)).not.toThrow();
    const shown = new Set(examples.map((example) => example.type));
    expect(EVENT_TYPES.filter((type) => type !== 'webhook.test' && !shown.has(type))).toEqual(
      // Their shape is the one of monitor.down, shown in part.
      ['monitor.up', 'monitor.degraded'],
    );
  });

  it('shows status page subscribers messages the public schema accepts, and lists their types', () => {
    expect(subscribersAt).toBeGreaterThan(0);
    const examples = examplesIn(subscribers);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(() => statusPageEventSchema.parse(example)).not.toThrow();
    const types = [...subscribers.matchAll(/^\| `([a-z_.]+)`/gm)].map((match) => match[1]);
    expect(types).toContain('subscription.confirm');
    expect(types).toContain('status_page.incident.updated');
  });

  it('states the retry policy the sender uses', () => {
    expect(webhookRetryCeilingMs(1)).toBe(10_000);
    expect(WEBHOOK_RETRY_POLICY.maxDelayMs).toBe(3 * 3_600_000);
    expect(text).toContain('`min(3 h, 10 s × 2^(n−1))`');
    expect(text).toContain('until 24 h after the\ndelivery was created');
    expect(WEBHOOK_RETRY_POLICY.retryWindowMs).toBe(24 * 3_600_000);
  });
});
