import { Writable } from 'node:stream';
import { createLogger } from '@mcpulse/config';
import { unsealWebhookUrl } from '@mcpulse/core';
import { EVENT_TYPES } from '@mcpulse/core/domain';
import { events, webhookEndpoints } from '@mcpulse/db';
import { fanOutEvents, startWebhookSender, type WebhookSender } from '@mcpulse/engine';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '@mcpulse/testkit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_ENDPOINTS_PER_ORGANIZATION } from '../src/domain/webhooks/create-webhook.js';
import { sealStoredChatUrls } from '../src/domain/webhooks/webhook-url.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let logs = '';
const logger = createLogger({
  name: 'api-test',
  level: 'debug',
  destination: new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  }),
});

let t: TestApp;
let queues: QueueBackend;
let sender: WebhookSender;
let receiver: WebhookReceiver;
let owner: Caller;

beforeAll(async () => {
  queues = createMemoryBackend({ logger });
  t = await createTestApp({ queues, logger });
  sender = startWebhookSender({
    db: t.options.db,
    queues,
    secretKey: t.options.secretKey,
    allowPrivateTargets: true,
    logger,
  });
  receiver = await startWebhookReceiver();
  owner = await signUpUser(t.app);
});
afterAll(async () => {
  await sender?.stop();
  await queues?.close();
  await receiver?.close();
  await t?.close();
});

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
}

async function createWebhook(payload: object = {}) {
  const response = await call('POST', '/api/v1/webhooks', { url: receiver.url, ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ webhook: { id: string }; secret: string }>();
}

async function deliveries(webhookId: string, query = '') {
  const response = await call('GET', `/api/v1/webhooks/${webhookId}/deliveries${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    items: Array<{
      id: string;
      status: string;
      messageId: string;
      attemptLog: Array<Record<string, unknown>>;
    }>;
    nextCursor: string | null;
  }>();
}

async function settled(webhookId: string, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await deliveries(webhookId);
    const done = page.items.filter((item) => item.status !== 'pending');
    if (done.length >= count) return page;
    if (Date.now() > deadline) throw new Error(`deliveries did not settle: ${JSON.stringify(page)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhook endpoints', () => {
  it('creates an endpoint and shows its secret once, sealed at rest and never logged', async () => {
    const { webhook, secret } = await createWebhook({ description: 'on-call', eventTypes: ['monitor.down'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toEqual({
      id: expect.any(String),
      url: receiver.url,
      description: 'on-call',
      format: 'standard',
      eventTypes: ['monitor.down'],
      monitorIds: null,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      createdAt: expect.any(String),
    });
    const listed = await call('GET', '/api/v1/webhooks');
    expect(listed.json().webhooks).toContainEqual(webhook);
    expect(listed.body).not.toContain('whsec_');
    expect((await call('GET', `/api/v1/webhooks/${webhook.id}`)).json()).toEqual(webhook);
    const [row] = await t.options.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, webhook.id));
    expect(row?.secretSealed).not.toContain(secret.slice(6));
    expect(logs).toContain('/api/v1/webhooks');
    expect(logs).not.toContain(secret.slice(6));
  });

  it.each([
    [{ url: 'ftp://example.com/hook' }, 'url'],
    [{ url: 'https://user:pass@example.com/hook' }, 'url'],
    [{ url: 'https://example.com/hook', format: 'teams' }, 'format'],
    [{ url: 'https://example.com/hook', eventTypes: ['monitor.sideways'] }, 'eventTypes.0'],
    [{ url: 'https://example.com/hook', eventTypes: ['monitor.up', 'monitor.up'] }, 'eventTypes'],
    [{ url: 'https://example.com/hook', monitorIds: [] }, 'monitorIds'],
    [{ url: 'https://example.com/hook', monitorIds: ['not-a-uuid'] }, 'monitorIds.0'],
  ])('answers %j with 400 naming %s', async (payload, field) => {
    const response = await call('POST', '/api/v1/webhooks', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field });
  });

  it('filters only on monitors of the organisation', async () => {
    const monitor = await call('POST', '/api/v1/monitors', { name: 'm', url: 'https://mcp.example.com/mcp' });
    const monitorId = monitor.json().monitor.id;
    const { webhook } = await createWebhook({ monitorIds: [monitorId] });
    expect(webhook).toMatchObject({ monitorIds: [monitorId] });
    const stranger = await signUpUser(t.app);
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: stranger.headers,
      payload: { url: receiver.url, monitorIds: [monitorId] },
    });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error).toMatchObject({ field: 'monitorIds' });
  });

  it('changes settings, disables by hand and clears a failing state on re-enabling', async () => {
    const { webhook } = await createWebhook();
    const changed = await call('PATCH', `/api/v1/webhooks/${webhook.id}`, {
      format: 'slack',
      eventTypes: ['monitor.up', 'schema.drift', 'protocol.changed'],
      description: 'chat',
    });
    expect(changed.json()).toMatchObject({
      format: 'slack',
      eventTypes: ['monitor.up', 'schema.drift', 'protocol.changed'],
      url: `${new URL(receiver.url).origin}/••••••`,
    });
    const disabled = await call('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false, disabledReason: 'manual' });

    await t.options.db
      .update(webhookEndpoints)
      .set({ disabledReason: 'failing', failingSince: new Date(Date.now() - 90_000_000) })
      .where(eq(webhookEndpoints.id, webhook.id));
    const kept = await call('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false });
    expect(kept.json()).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const enabled = await call('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: true });
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('refuses an endpoint past the organisation’s limit with quota_exceeded, and counts none twice', async () => {
    const org = await signUpUser(t.app);
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: org.headers,
        payload: { url: receiver.url },
      });
    const made = await Promise.all(Array.from({ length: WEBHOOK_ENDPOINTS_PER_ORGANIZATION + 3 }, create));
    const statuses = made.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(WEBHOOK_ENDPOINTS_PER_ORGANIZATION);
    expect(statuses.filter((status) => status === 403)).toHaveLength(3);
    const refused = made.find((response) => response.statusCode === 403)!;
    expect(refused.json().error).toMatchObject({
      code: 'quota_exceeded',
      limit: WEBHOOK_ENDPOINTS_PER_ORGANIZATION,
    });
  });

  it('keeps a chat URL sealed at rest and shows only its origin', async () => {
    const slackUrl = 'https://hooks.slack.com/services/T0001/B0002/s3cretT0ken';
    const shown = 'https://hooks.slack.com/••••••';
    const stored = async (id: string) =>
      (
        await t.options.db
          .select({ url: webhookEndpoints.url, urlSealed: webhookEndpoints.urlSealed })
          .from(webhookEndpoints)
          .where(eq(webhookEndpoints.id, id))
      )[0]!;
    const opened = (id: string, sealed: string | null) =>
      sealed ? unsealWebhookUrl(t.options.secretKey, id, sealed) : null;

    const created = await call('POST', '/api/v1/webhooks', { url: slackUrl, format: 'slack' });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ webhook: { id: string } }>().webhook;
    expect(created.json().webhook.url).toBe(shown);
    expect((await call('GET', `/api/v1/webhooks/${id}`)).json().url).toBe(shown);
    const atRest = await stored(id);
    expect(atRest.url).toBe(shown);
    expect(JSON.stringify(atRest)).not.toContain('s3cretT0ken');
    expect(opened(id, atRest.urlSealed)).toBe(slackUrl);

    // Sent back as it reads (a form saved unchanged), the URL stays the saved one.
    const edited = await call('PATCH', `/api/v1/webhooks/${id}`, { url: shown, description: 'alerts' });
    expect(edited.json()).toMatchObject({ url: shown, description: 'alerts' });
    expect(opened(id, (await stored(id)).urlSealed)).toBe(slackUrl);

    // A new URL is sealed anew; the standard format keeps its URL in view.
    const next = 'https://hooks.slack.com/services/T0001/B0002/n3wT0ken';
    await call('PATCH', `/api/v1/webhooks/${id}`, { url: next });
    expect(opened(id, (await stored(id)).urlSealed)).toBe(next);
    // The sealed URL is never shown again: leaving the chat format takes a new one.
    for (const body of [{ format: 'standard' }, { format: 'standard', url: shown }]) {
      const refused = await call('PATCH', `/api/v1/webhooks/${id}`, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.field).toBe('url');
    }
    expect(opened(id, (await stored(id)).urlSealed)).toBe(next);
    const plain = 'https://example.com/hooks/mcpulse';
    const standard = await call('PATCH', `/api/v1/webhooks/${id}`, { format: 'standard', url: plain });
    expect(standard.json().url).toBe(plain);
    expect(await stored(id)).toEqual({ url: plain, urlSealed: null });
    // Slack to Discord keeps it sealed without showing it.
    const chat = await call('PATCH', `/api/v1/webhooks/${id}`, { format: 'discord', url: next });
    expect(chat.json().url).toBe(shown);
  });

  it('seals chat URLs stored in the clear before URLs were sealed', async () => {
    const { webhook } = await createWebhook();
    const plain = 'https://discord.com/api/webhooks/123/pl4inT0ken';
    await t.options.db
      .update(webhookEndpoints)
      .set({ url: plain, format: 'discord', urlSealed: null })
      .where(eq(webhookEndpoints.id, webhook.id));
    expect(await sealStoredChatUrls(t.options.db, t.options.secretKey)).toBe(1);
    const [row] = await t.options.db
      .select({ url: webhookEndpoints.url, urlSealed: webhookEndpoints.urlSealed })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, webhook.id));
    expect(row?.url).toBe('https://discord.com/••••••');
    expect(unsealWebhookUrl(t.options.secretKey, webhook.id, row!.urlSealed!)).toBe(plain);
    expect(await sealStoredChatUrls(t.options.db, t.options.secretKey)).toBe(0);
  });

  it('sends a signed webhook.test event and logs its delivery', async () => {
    const { webhook, secret } = await createWebhook();
    const before = receiver.received.length;
    const response = await call('POST', `/api/v1/webhooks/${webhook.id}/test`);
    expect(response.statusCode).toBe(202);
    const { delivery } = response.json();
    expect(delivery).toMatchObject({
      eventType: 'webhook.test',
      status: 'pending',
      attempts: 0,
      attemptLog: [],
    });

    const received = (await receiver.waitFor(before + 1))[before]!;
    expect(received.headers['webhook-id']).toBe(delivery.messageId);
    expect(verifyWebhook(secret, received)).toBe(true);
    expect(JSON.parse(received.body)).toMatchObject({
      id: delivery.eventId,
      type: 'webhook.test',
      data: { monitor: null, message: expect.any(String) },
    });
    const page = await settled(webhook.id, 1);
    expect(page.items[0]).toMatchObject({
      id: delivery.id,
      monitor: null,
      status: 'succeeded',
      attempts: 1,
      nextAttemptAt: null,
      attemptLog: [{ attempt: 1, statusCode: 204, responseBody: '', error: null, manual: false }],
    });
    const one = await call('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual({ ...page.items[0], format: 'standard', payload: JSON.parse(received.body) });
  });

  it('names the monitor of each delivery and shows the body it posted', async () => {
    const org = await signUpUser(t.app);
    const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: org.headers, ...(payload ? { payload } : {}) });
    const own = await startWebhookReceiver();
    try {
      const created = await as('POST', '/api/v1/monitors', {
        name: 'Docs <b>MCP</b>',
        url: 'https://mcp.example.com/mcp',
      });
      const monitor = created.json().monitor as { id: string; name: string; url: string };
      const { webhook } = (
        await as('POST', '/api/v1/webhooks', { url: own.url, eventTypes: ['monitor.down'] })
      ).json();
      const [event] = await t.options.db
        .insert(events)
        .values({
          organizationId: org.organizationId,
          monitorId: monitor.id,
          type: 'monitor.down',
          occurredAt: new Date('2026-11-26T10:00:00Z'),
          dedupeKey: `down:${monitor.id}`,
          payload: {
            monitor: { id: monitor.id, name: monitor.name, url: monitor.url },
            from: 'up',
            to: 'down',
            regions: ['local'],
            results: [],
            error: { code: 'connection_refused', message: 'ECONNREFUSED' },
          },
        })
        .returning({ id: events.id });
      expect(await fanOutEvents(t.options.db, queues, [event!])).toBe(1);
      const [received] = await own.waitFor(1);

      // Renamed since: the log shows the monitor's name now, the body what was sent.
      await as('PATCH', `/api/v1/monitors/${monitor.id}`, { name: 'Docs' });
      const log = await as('GET', `/api/v1/webhooks/${webhook.id}/deliveries`);
      const [delivery] = log.json().items;
      expect(delivery).toMatchObject({
        eventType: 'monitor.down',
        monitor: { id: monitor.id, name: 'Docs' },
      });
      const one = (await as('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`)).json();
      expect(one.payload).toEqual(JSON.parse(received!.body));
      expect(one.payload).toMatchObject({
        type: 'monitor.down',
        data: { monitor: { name: 'Docs <b>MCP</b>' }, error: { code: 'connection_refused' } },
      });

      // A chat endpoint's body is the chat message.
      await as('PATCH', `/api/v1/webhooks/${webhook.id}`, {
        format: 'slack',
        url: 'https://hooks.slack.com/services/T1/B2/x',
      });
      const slack = (await as('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`)).json();
      expect(slack.format).toBe('slack');
      expect(JSON.stringify(slack.payload)).toContain('connection_refused');
      expect(slack.payload).not.toHaveProperty('type');
    } finally {
      await own.close();
    }
  });

  it('shows a null body for an event that breaks the published schema, and 404 for a delivery of another endpoint', async () => {
    const org = await signUpUser(t.app);
    const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: org.headers, ...(payload ? { payload } : {}) });
    const monitor = (
      await as('POST', '/api/v1/monitors', { name: 'Broken', url: 'https://mcp.example.com/mcp' })
    ).json().monitor;
    // Disabled: nothing is sent, the delivery stays as it was made.
    const { webhook } = (
      await as('POST', '/api/v1/webhooks', {
        url: 'https://hooks.example.com/in',
        eventTypes: ['monitor.up'],
      })
    ).json();
    const other = (
      await as('POST', '/api/v1/webhooks', {
        url: 'https://hooks.example.com/other',
        eventTypes: ['schema.drift'],
      })
    ).json();
    const [event] = await t.options.db
      .insert(events)
      .values({
        organizationId: org.organizationId,
        monitorId: monitor.id,
        type: 'monitor.up',
        occurredAt: new Date(),
        dedupeKey: `up:${monitor.id}`,
        payload: { to: 'sideways' },
      })
      .returning({ id: events.id });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: org.headers,
      payload: { enabled: false },
    });
    await t.options.db.execute(
      sql`insert into webhook_deliveries (endpoint_id, event_id, message_id) values (${webhook.id}, ${event!.id}, 'msg_broken')`,
    );
    const [delivery] = (await as('GET', `/api/v1/webhooks/${webhook.id}/deliveries`)).json().items;
    const one = await as('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ monitor: { id: monitor.id, name: 'Broken' }, payload: null });

    const elsewhere = await as('GET', `/api/v1/webhooks/${other.webhook.id}/deliveries/${delivery.id}`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error).toMatchObject({ code: 'not_found' });
  });

  it('refuses a test event to a disabled endpoint', async () => {
    const { webhook } = await createWebhook();
    await call('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false });
    const response = await call('POST', `/api/v1/webhooks/${webhook.id}/test`);
    expect(response.statusCode).toBe(409);
  });

  it('rotates the secret: both sign for the window, the new one is shown once', async () => {
    const { webhook, secret: previous } = await createWebhook();
    const rotated = await call('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret: current } = rotated.json();
    expect(current).toMatch(/^whsec_/);
    expect(current).not.toBe(previous);
    const [row] = await t.options.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, webhook.id));
    const window = row!.previousSecretExpiresAt!.getTime() - Date.now();
    expect(window).toBeGreaterThan(23.9 * 3_600_000);
    expect(window).toBeLessThanOrEqual(24 * 3_600_000);

    const before = receiver.received.length;
    await call('POST', `/api/v1/webhooks/${webhook.id}/test`);
    const received = (await receiver.waitFor(before + 1))[before]!;
    expect(String(received.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(previous, received)).toBe(true);
    expect(verifyWebhook(current, received)).toBe(true);
  });

  it('redelivers by hand with the same webhook-id and logs a manual attempt', async () => {
    const { webhook } = await createWebhook();
    const { delivery } = (await call('POST', `/api/v1/webhooks/${webhook.id}/test`)).json();
    await settled(webhook.id, 1);
    const before = receiver.received.length;
    const response = await call('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`);
    expect(response.statusCode).toBe(202);
    expect(response.json().delivery).toMatchObject({ id: delivery.id, status: 'succeeded' });
    const received = (await receiver.waitFor(before + 1))[before]!;
    expect(received.headers['webhook-id']).toBe(delivery.messageId);
    const deadline = Date.now() + 10_000;
    let log: Array<Record<string, unknown>> = [];
    while (log.length < 2 && Date.now() < deadline) {
      log = (await deliveries(webhook.id)).items[0]?.attemptLog ?? [];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(log.map((attempt) => [attempt.attempt, attempt.manual])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('pages through the delivery log, newest first', async () => {
    const { webhook } = await createWebhook();
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      sent.push((await call('POST', `/api/v1/webhooks/${webhook.id}/test`)).json().delivery.id);
    }
    const first = await deliveries(webhook.id, '?limit=2');
    expect(first.items.map((item) => item.id)).toEqual([sent[2], sent[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await deliveries(webhook.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.id)).toEqual([sent[0]]);
    expect(second.nextCursor).toBeNull();
    const bad = await call('GET', `/api/v1/webhooks/${webhook.id}/deliveries?cursor=forged`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'cursor' });
  });

  it('deletes an endpoint with its log', async () => {
    const { webhook } = await createWebhook();
    expect((await call('DELETE', `/api/v1/webhooks/${webhook.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/webhooks/${webhook.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/webhooks/${webhook.id}/deliveries`)).statusCode).toBe(404);
  });

  it('documents the routes and every webhook payload in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks',
        '/api/v1/webhooks/{id}',
        '/api/v1/webhooks/{id}/rotate-secret',
        '/api/v1/webhooks/{id}/test',
        '/api/v1/webhooks/{id}/deliveries',
        '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
        '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'WebhookEvent',
        'WebhookEventMonitorDown',
        'WebhookEventMonitorUp',
        'WebhookEventMonitorDegraded',
        'WebhookEventSchemaDrift',
        'WebhookEventProtocolChanged',
        'WebhookEventMaintenanceStarted',
        'WebhookEventMaintenanceEnded',
        'WebhookEventTest',
        'WebhookEndpoint',
        'WebhookDelivery',
        'WebhookDeliveryWithPayload',
      ]),
    );
    // One payload schema per event type: a type added to the domain must be documented too.
    expect(doc.components.schemas.WebhookEvent.oneOf).toHaveLength(EVENT_TYPES.length);
  });
});
