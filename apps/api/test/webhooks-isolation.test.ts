import { randomBytes } from 'node:crypto';
import { apiKeys, queryRows } from '@mcpulse/db';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/auth/tokens.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let queues: QueueBackend;
let owner: Caller;
let stranger: Caller;
let webhookId: string;
let deliveryId: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  // No sender consumes this queue: nothing is sent, so the rows stay as the owner left them.
  queues = createMemoryBackend();
  t = await createTestApp({ queues });
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: owner.headers,
    payload: { url: 'https://hooks.example.com/in', description: 'owner only' },
  });
  webhookId = created.json().webhook.id;
  const test = await t.app.inject({
    method: 'POST',
    url: `/api/v1/webhooks/${webhookId}/test`,
    headers: owner.headers,
  });
  deliveryId = test.json().delivery.id;
});
afterAll(async () => {
  await queues?.close();
  await t?.close();
});

async function snapshot(): Promise<string> {
  const endpoints = await queryRows(t.options.db, sql`select * from webhook_endpoints order by id`);
  const deliveries = await queryRows(t.options.db, sql`select * from webhook_deliveries order by id`);
  const events = await queryRows(t.options.db, sql`select id from events order by id`);
  return JSON.stringify({ endpoints, deliveries, events });
}

async function keyFor(caller: Caller, scope: 'read' | 'write'): Promise<Record<string, string>> {
  const token = `mcpk_${randomBytes(32).toString('base64url')}`;
  await t.options.db.insert(apiKeys).values({
    organizationId: caller.organizationId,
    name: `${scope} key`,
    prefix: token.slice(0, 13),
    keyHash: sha256(token),
    scope,
  });
  return { authorization: `Bearer ${token}` };
}

describe('webhook isolation between organisations', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/rotate-secret'],
    ['POST', '/test'],
    ['GET', '/deliveries'],
    ['GET', `/deliveries/${MISSING}`],
    ['POST', `/deliveries/${MISSING}/redeliver`],
  ] as const)(
    'answers %s %s on another organisation’s webhook exactly like a missing one',
    async (method, suffix) => {
      const before = await snapshot();
      const payload =
        method === 'PATCH' ? { url: 'https://attacker.example.com/', enabled: false } : undefined;
      const request = (id: string) =>
        t.app.inject({
          method,
          url: `/api/v1/webhooks/${id}${suffix}`,
          headers: stranger.headers,
          ...(payload ? { payload } : {}),
        });
      const theirs = await request(webhookId);
      const missing = await request(MISSING);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toEqual(missing.json());
      expect(await snapshot()).toBe(before);
    },
  );

  it('does not redeliver the owner’s delivery through the stranger’s own endpoint', async () => {
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: stranger.headers,
      payload: { url: 'https://stranger.example.com/in' },
    });
    const before = await snapshot();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${own.json().webhook.id}/deliveries/${deliveryId}/redeliver`,
      headers: stranger.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
    expect((await queues.depth('webhooks')).waiting).toBe(1);
  });

  it('does not show the owner’s delivery or its body to another organisation', async () => {
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: stranger.headers,
      payload: { url: 'https://stranger.example.com/in' },
    });
    const read = (webhook: string, as: Caller) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/webhooks/${webhook}/deliveries/${deliveryId}`,
        headers: as.headers,
      });
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}/deliveries/${MISSING}`,
      headers: owner.headers,
    });
    for (const response of [await read(webhookId, stranger), await read(own.json().webhook.id, stranger)]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('A test event');
    }
    expect(missing.statusCode).toBe(404);
    const mine = await read(webhookId, owner);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: deliveryId, payload: { type: 'webhook.test' } });
  });

  it('never lists another organisation’s webhooks', async () => {
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: stranger.headers });
    expect(theirs.json().webhooks.map((w: { id: string }) => w.id)).not.toContain(webhookId);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: owner.headers });
    expect(mine.json().webhooks.map((w: { id: string }) => w.id)).toEqual([webhookId]);
  });

  it('requires authentication, and a write-scoped key to change anything', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(401);
    const read = await keyFor(owner, 'read');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: read })).statusCode).toBe(
      200,
    );
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}/deliveries`,
      headers: read,
    });
    expect(log.statusCode).toBe(200);
    for (const [method, suffix] of [
      ['POST', '/rotate-secret'],
      ['POST', '/test'],
      ['DELETE', ''],
    ] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/v1/webhooks/${webhookId}${suffix}`,
        headers: read,
      });
      expect(response.statusCode, `${method} ${suffix}`).toBe(403);
    }
    const write = await keyFor(owner, 'write');
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhookId}/rotate-secret`,
      headers: write,
    });
    expect(rotated.statusCode).toBe(200);
  });
});
