import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WEBHOOK_RETRY_POLICY, webhookRetryCeilingMs } from './webhook-backoff.js';
import { webhookEventSchema } from './webhook-payload.js';

const DOC = path.resolve(import.meta.dirname, '../../../docs/webhooks.md');

describe('docs/webhooks.md', () => {
  const text = readFileSync(DOC, 'utf8');

  it('publishes exactly the JSON Schema the payloads are checked against', () => {
    const block =
      /<!-- webhook-event-schema:start -->\n```json\n([\s\S]*?)\n```\n<!-- webhook-event-schema:end -->/.exec(
        text,
      );
    expect(block, 'the schema block between its markers').not.toBeNull();
    // To refresh it, replace the block with this test's expected value.
    expect(JSON.parse(block![1]!)).toEqual(z.toJSONSchema(webhookEventSchema));
  });

  it('states the retry policy the sender uses', () => {
    expect(webhookRetryCeilingMs(1)).toBe(10_000);
    expect(WEBHOOK_RETRY_POLICY.maxDelayMs).toBe(3 * 3_600_000);
    expect(text).toContain('`min(3 h, 10 s × 2^(n−1))`');
    expect(text).toContain('until 24 h after the\ndelivery was created');
    expect(WEBHOOK_RETRY_POLICY.retryWindowMs).toBe(24 * 3_600_000);
  });
});
