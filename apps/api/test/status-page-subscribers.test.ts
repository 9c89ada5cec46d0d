import { createLogger } from '@mcpulse/config';
import { subscriberToken } from '@mcpulse/core';
import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import {
  confirmationKey,
  events,
  incidents,
  statusPages,
  upkeepStorage,
  webhookDeliveries,
  webhookEndpoints,
} from '@mcpulse/db';
import { seedStatusPage } from '@mcpulse/db/testing';
import { fanOutEvents, startWebhookSender, type WebhookSender } from '@mcpulse/engine';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifyWebhook,
  type WebhookReceiver,
} from '@mcpulse/testkit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const logger = createLogger({ name: 'api-test', level: 'silent' });
const PUBLIC_URL = 'https://status.example.test';

let t: TestApp;
let queues: QueueBackend;
let sender: WebhookSender;
let owner: Caller;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  queues = createMemoryBackend({ logger });
  t = await createTestApp({
    queues,
    logger,
    // Subscribers are held to the hosted address rules whatever the deployment allows its users;
    // the operator's ranges are the one exception, which lets the test's receivers on loopback in.
    allowedTargetCidrs: ['127.0.0.0/8'],
    rateLimit: { perKey: 10_000, perIp: 10_000, signInPerIp: 10_000, subscribesPerIp: 10_000 },
  });
  sender = startWebhookSender({
    db: t.options.db,
    queues,
    secretKey: t.options.secretKey,
    allowPrivateTargets: true,
    allowedTargetCidrs: ['127.0.0.0/8'],
    publicUrl: PUBLIC_URL,
    logger,
  });
  owner = await signUpUser(t.app);
});
afterAll(async () => {
  await sender?.stop();
  await queues?.close();
  for (const receiver of receivers) await receiver.close();
  await t?.close();
});

async function receiver(): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

let pages = 0;
async function page(organizationId: string, monitors: Array<{ id: string; displayName?: string | null }>) {
  const slug = `page-${++pages}-${Date.now().toString(36)}`;
  const id = await seedStatusPage(t.options.db, { organizationId, slug, title: `Acme ${slug}`, monitors });
  return { id, slug };
}

async function subscribe(slug: string, url: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/status-pages/${slug}/subscribers`,
    payload: { url },
  });
}

async function subscribed(slug: string, at: WebhookReceiver) {
  const response = await subscribe(slug, at.url);
  expect(response.statusCode, response.body).toBe(202);
  const body = response.json<{ id: string; secret: string; status: string }>();
  at.secrets.push(body.secret);
  return body;
}

/** Confirms with the token the confirmation message carried, as a subscriber would. */
async function confirmFrom(message: ReceivedWebhook) {
  const { confirm } = message.event as { confirm: { url: string; token: string } };
  const response = await t.app.inject({
    method: 'POST',
    url: confirm.url.slice(PUBLIC_URL.length),
    payload: { token: confirm.token },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A confirmed `monitor.down` with its incident, stored and fanned out as ingest does. */
async function monitorDown(organizationId: string, monitorId: string) {
  const startedAt = new Date(Date.now() - 60_000);
  const [incident] = await t.options.db
    .insert(incidents)
    .values({ organizationId, monitorId, kind: 'down', startedAt, regions: ['eu-west'] })
    .returning();
  const [event] = await t.options.db
    .insert(events)
    .values({
      organizationId,
      monitorId,
      type: 'monitor.down',
      occurredAt: new Date(),
      dedupeKey: `down:${incident!.id}`,
      incidentId: incident!.id,
      payload: {
        monitor: { id: monitorId, name: 'Docs server', url: 'https://docs.example.com/mcp' },
        from: 'up',
        to: 'down',
        regions: ['eu-west'],
        results: [],
        error: { code: 'timeout', message: 'no answer within 10000 ms' },
      },
    })
    .returning();
  await fanOutEvents(t.options.db, queues, [event!]);
  return { incidentId: incident!.id, eventId: event!.id };
}

async function deliveriesTo(endpointId: string) {
  return t.options.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

describe('webhook subscribers of a public status page', () => {
  it('confirms by double opt-in, then sends the public payload, signed, and stops on unsubscribe', async () => {
    const monitorId = await insertMonitor(t.options.db, owner.organizationId, { name: 'Docs server' });
    const { id: pageId, slug } = await page(owner.organizationId, [{ id: monitorId, displayName: 'Docs' }]);
    const inbox = await receiver();
    const subscription = await subscribed(slug, inbox);
    expect(subscription).toMatchObject({ status: 'pending' });
    expect(subscription.secret).toMatch(/^whsec_/);

    const [confirmation] = await inbox.waitFor(1);
    expect(verifyWebhook(subscription.secret, confirmation!)).toBe(true);
    expect(confirmation!.event).toMatchObject({
      type: 'subscription.confirm',
      page: { slug, title: `Acme ${slug}`, url: `${PUBLIC_URL}/status/${slug}` },
      monitor: null,
      confirm: {
        url: `${PUBLIC_URL}/api/v1/public/status-pages/${slug}/subscribers/${subscription.id}/confirm`,
      },
      unsubscribe: { url: `${PUBLIC_URL}/api/v1/public/status-pages/${slug}/subscribers/${subscription.id}` },
    });

    // Unconfirmed: an incident reaches nothing but the confirmation.
    await monitorDown(owner.organizationId, monitorId);
    expect(await deliveriesTo(subscription.id)).toHaveLength(1);

    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/status-pages/${slug}/subscribers/${subscription.id}/confirm`,
      payload: { token: subscriberToken(t.options.secretKey, 'unsubscribe', subscription.id) },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('forbidden');
    expect(await confirmFrom(confirmation!)).toEqual({ id: subscription.id, status: 'confirmed' });

    const { incidentId, eventId } = await monitorDown(owner.organizationId, monitorId);
    const opened = await inbox.waitForMatch(
      (webhook) => webhook.event?.type === 'status_page.incident.opened',
    );
    expect(verifyWebhook(subscription.secret, opened)).toBe(true);
    expect(opened.event).toMatchObject({
      id: eventId,
      page: { slug },
      monitor: { name: 'Docs' },
      incident: { id: incidentId, impact: 'down', status: 'open', endedAt: null },
    });
    // Nothing the page does not show: no monitor URL, error, region, nor the monitor's own name.
    expect(opened.body).not.toContain('docs.example.com');
    expect(opened.body).not.toContain('no answer');
    expect(opened.body).not.toContain('eu-west');
    expect(opened.body).not.toContain('Docs server');

    // An update the owner posts reaches the subscriber, in the page's words.
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incidentId}/updates`,
      headers: owner.headers,
      payload: { status: 'identified', message: 'A bad deploy; rolling back.' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const updated = await inbox.waitForMatch(
      (webhook) => webhook.event?.type === 'status_page.incident.updated',
    );
    expect(verifyWebhook(subscription.secret, updated)).toBe(true);
    expect(updated.event).toMatchObject({
      monitor: { name: 'Docs' },
      incident: {
        id: incidentId,
        status: 'open',
        update: { status: 'identified', message: 'A bad deploy; rolling back.' },
      },
    });
    expect(updated.body).not.toContain('docs.example.com');

    // The owner sees the subscriber on the page, never among its own webhooks.
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: owner.headers });
    expect(own.json().webhooks.map((webhook: { id: string }) => webhook.id)).not.toContain(subscription.id);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/status-pages/${pageId}/subscribers`,
      headers: owner.headers,
    });
    // Only the URL's origin: the rest may be the subscriber's credential, and is sealed at rest.
    expect(listed.json().subscribers).toEqual([
      expect.objectContaining({
        id: subscription.id,
        url: `${new URL(inbox.url).origin}/••••••`,
        status: 'confirmed',
        enabled: true,
      }),
    ]);
    const [row] = await t.options.db
      .select({ url: webhookEndpoints.url, urlSealed: webhookEndpoints.urlSealed })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, subscription.id));
    expect(JSON.stringify(row)).not.toContain(new URL(inbox.url).pathname);

    const { unsubscribe } = opened.event as { unsubscribe: { url: string; token: string } };
    const bad = await t.app.inject({
      method: 'DELETE',
      url: unsubscribe.url.slice(PUBLIC_URL.length),
      payload: { token: subscriberToken(t.options.secretKey, 'confirm', subscription.id) },
    });
    expect(bad.statusCode).toBe(403);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: unsubscribe.url.slice(PUBLIC_URL.length),
      payload: { token: unsubscribe.token },
    });
    expect(gone.statusCode, gone.body).toBe(204);
    const before = inbox.received.length;
    await monitorDown(owner.organizationId, monitorId);
    await new Promise((settle) => setTimeout(settle, 300));
    expect(inbox.received).toHaveLength(before);
    expect(await deliveriesTo(subscription.id)).toEqual([]);
  });

  it('sends a page’s subscribers only the monitors it shows, of its own organisation', async () => {
    const shown = await insertMonitor(t.options.db, owner.organizationId, { name: 'shown' });
    const elsewhere = await insertMonitor(t.options.db, owner.organizationId, { name: 'elsewhere' });
    const a = await page(owner.organizationId, [{ id: shown }]);
    await page(owner.organizationId, [{ id: elsewhere }]);
    const stranger = await signUpUser(t.app);
    const theirs = await insertMonitor(t.options.db, stranger.organizationId, { name: 'theirs' });
    await page(stranger.organizationId, [{ id: theirs }]);

    const inbox = await receiver();
    const subscription = await subscribed(a.slug, inbox);
    await confirmFrom((await inbox.waitFor(1))[0]!);
    await monitorDown(owner.organizationId, elsewhere);
    await monitorDown(stranger.organizationId, theirs);
    const { eventId } = await monitorDown(owner.organizationId, shown);
    const opened = await inbox.waitForMatch(
      (webhook) => webhook.event?.type === 'status_page.incident.opened',
    );
    expect(opened.event).toMatchObject({ id: eventId, monitor: { name: 'shown' } });
    // The confirmation and the shown monitor's incident: nothing of the other page, nor of the other organisation.
    const sent = await t.options.db
      .select({ type: events.type, monitorId: events.monitorId })
      .from(webhookDeliveries)
      .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.endpointId, subscription.id));
    expect(sent.sort((x, y) => x.type.localeCompare(y.type))).toEqual([
      { type: 'monitor.down', monitorId: shown },
      { type: 'webhook.test', monitorId: null },
    ]);
  });

  it('keeps the links it sent working after the owner renames the page', async () => {
    const renamed = await page(owner.organizationId, []);
    const inbox = await receiver();
    const subscription = await subscribed(renamed.slug, inbox);
    const confirmation = (await inbox.waitFor(1))[0]!;
    await t.options.db
      .update(statusPages)
      .set({ slug: `${renamed.slug}-new` })
      .where(eq(statusPages.id, renamed.id));
    // Both links name the old slug; the subscriber is found by its id.
    await confirmFrom(confirmation);
    const { unsubscribe } = confirmation.event as { unsubscribe: { url: string; token: string } };
    expect(unsubscribe.url).toContain(`/${renamed.slug}/`);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: unsubscribe.url.slice(PUBLIC_URL.length),
      payload: { token: unsubscribe.token },
    });
    expect(gone.statusCode, gone.body).toBe(204);
    const rows = await t.options.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, subscription.id));
    expect(rows).toEqual([]);
    // Its confirmation event goes with it: an anonymous subscription leaves nothing behind.
    const confirmations = await t.options.db
      .select()
      .from(events)
      .where(eq(events.dedupeKey, confirmationKey(subscription.id)));
    expect(confirmations).toEqual([]);
  });

  it('sends nothing for a page that does not show incidents, and refuses new subscribers to it', async () => {
    const monitorId = await insertMonitor(t.options.db, owner.organizationId, { name: 'quiet' });
    const shown = await page(owner.organizationId, [{ id: monitorId }]);
    const inbox = await receiver();
    const subscription = await subscribed(shown.slug, inbox);
    await confirmFrom((await inbox.waitFor(1))[0]!);
    // The owner turns the incidents off: the page shows none, so its subscribers hear of none.
    await t.options.db
      .update(statusPages)
      .set({ figures: ['history', 'uptime'] })
      .where(eq(statusPages.id, shown.id));
    await monitorDown(owner.organizationId, monitorId);
    const sent = await t.options.db
      .select({ type: events.type })
      .from(webhookDeliveries)
      .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.endpointId, subscription.id));
    expect(sent).toEqual([{ type: 'webhook.test' }]);
    const refused = await subscribe(shown.slug, 'https://hooks.example.com/quiet');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
  });

  it('documents the routes and the public payload in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/public/status-pages/{slug}/subscribers',
        '/api/v1/public/status-pages/{slug}/subscribers/{id}/confirm',
        '/api/v1/public/status-pages/{slug}/subscribers/{id}',
        '/api/v1/status-pages/{id}/subscribers',
        '/api/v1/status-pages/{id}/subscribers/{subscriberId}',
      ]),
    );
    expect(doc.components.schemas.StatusPageEvent.oneOf).toHaveLength(6);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['StatusPageEventIncidentOpened', 'StatusPageEventSubscriptionConfirm']),
    );
  });

  it('refuses private addresses for subscribers even where the deployment allows them for its users', async () => {
    expect(t.options.allowPrivateTargets).toBe(true);
    const { slug } = await page(owner.organizationId, []);
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hook',
      'http://localhost:6379/',
    ]) {
      const refused = await subscribe(slug, url);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'validation_failed', field: 'url' });
    }
  });

  it('answers 404 for an unknown page and keeps the owner’s routes to its own pages', async () => {
    expect((await subscribe('no-such-page', 'https://hooks.example.com/x')).statusCode).toBe(404);
    const { id: pageId } = await page(owner.organizationId, []);
    const stranger = await signUpUser(t.app);
    for (const [method, url] of [
      ['GET', `/api/v1/status-pages/${pageId}/subscribers`],
      ['DELETE', `/api/v1/status-pages/${pageId}/subscribers/${pageId}`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: stranger.headers });
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('lets the owner remove a subscriber', async () => {
    const { id: pageId, slug } = await page(owner.organizationId, []);
    const { id } = (await subscribe(slug, 'https://hooks.example.com/in')).json();
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/status-pages/${pageId}/subscribers/${id}`,
      headers: owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/status-pages/${pageId}/subscribers/${id}`,
      headers: owner.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('holds a page to its bound of subscribers, pending ones included', async () => {
    const { id: pageId, slug } = await page(owner.organizationId, []);
    await t.options.db.execute(sql`
      insert into webhook_endpoints (organization_id, url, event_types, secret_sealed, status_page_id)
      select ${owner.organizationId}, 'https://hooks.example.com/' || n, '{}', 'sealed', ${pageId}
      from generate_series(1, ${STATUS_PAGE_LIMITS.subscribersPerPage - 1}) n`);
    expect((await subscribe(slug, 'https://hooks.example.com/last')).statusCode).toBe(202);
    const full = await subscribe(slug, 'https://hooks.example.com/one-more');
    expect(full.statusCode).toBe(403);
    expect(full.json().error).toMatchObject({
      code: 'quota_exceeded',
      limit: STATUS_PAGE_LIMITS.subscribersPerPage,
    });
  });

  it('holds an organisation to its bound of subscribers over all its pages, lapsed ones not counted', async () => {
    const { subscribersPerOrganization, subscribersPerPage } = STATUS_PAGE_LIMITS;
    const { organizationId } = await signUpUser(t.app);
    const full = Math.ceil(subscribersPerOrganization / subscribersPerPage);
    const filled = await Promise.all(Array.from({ length: full }, () => page(organizationId, [])));
    const pageIds = sql.join(
      filled.map(({ id }) => sql`${id}::uuid`),
      sql`, `,
    );
    // One place short of the bound, spread so that no page is full.
    await t.options.db.execute(sql`
      insert into webhook_endpoints (organization_id, url, event_types, secret_sealed, status_page_id)
      select ${organizationId}, 'https://hooks.example.com/' || n, '{}', 'sealed',
             (array[${pageIds}])[1 + n % ${full}]
      from generate_series(1, ${subscribersPerOrganization - 1}) n`);
    const another = await page(organizationId, []);
    expect((await subscribe(another.slug, 'https://hooks.example.com/last')).statusCode).toBe(202);
    const over = await subscribe(another.slug, 'https://hooks.example.com/one-more');
    expect(over.statusCode).toBe(403);
    expect(over.json().error).toMatchObject({ code: 'quota_exceeded', limit: subscribersPerOrganization });
    // A subscriber of another page left unconfirmed for a day gives its place back.
    await t.options.db.execute(sql`
      update webhook_endpoints set created_at = now() - interval '25 hours'
      where id = (select id from webhook_endpoints where status_page_id = ${filled[0]!.id} limit 1)`);
    expect((await subscribe(another.slug, 'https://hooks.example.com/one-more')).statusCode).toBe(202);
  });

  it('drops subscribers left unconfirmed for a day, at subscribe time and in the hourly upkeep', async () => {
    const dayOld = new Date(Date.now() - 25 * 3_600_000);
    const age = (id: string) =>
      t.options.db.update(webhookEndpoints).set({ createdAt: dayOld }).where(eq(webhookEndpoints.id, id));
    const exists = async (id: string) =>
      (await t.options.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))).length > 0;

    const first = await page(owner.organizationId, []);
    const stale = (await subscribe(first.slug, 'https://hooks.example.com/stale')).json();
    const confirmed = (await subscribe(first.slug, 'https://hooks.example.com/confirmed')).json();
    await t.options.db
      .update(webhookEndpoints)
      .set({ confirmedAt: new Date() })
      .where(eq(webhookEndpoints.id, confirmed.id));
    await age(stale.id);
    await age(confirmed.id);
    // Past its day it can no longer be confirmed, even with the right token.
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/status-pages/${first.slug}/subscribers/${stale.id}/confirm`,
      payload: { token: subscriberToken(t.options.secretKey, 'confirm', stale.id) },
    });
    expect(late.statusCode).toBe(404);
    // The next subscription to the page drops it, so it holds no place under the bound.
    expect((await subscribe(first.slug, 'https://hooks.example.com/next')).statusCode).toBe(202);
    expect(await exists(stale.id)).toBe(false);
    expect(await exists(confirmed.id)).toBe(true);

    const second = await page(owner.organizationId, []);
    const other = (await subscribe(second.slug, 'https://hooks.example.com/other')).json();
    const fresh = (await subscribe(second.slug, 'https://hooks.example.com/fresh')).json();
    await age(other.id);
    const upkeep = await upkeepStorage(t.options.db, new Date(), { resultsDays: 30, deliveriesDays: 30 });
    expect(upkeep.droppedSubscribers).toBeGreaterThanOrEqual(1);
    expect(await exists(other.id)).toBe(false);
    expect(await exists(fresh.id)).toBe(true);
    expect(await exists(confirmed.id)).toBe(true);

    // A confirmed subscriber the sender disabled (410, or failing for a day) has left: it goes too.
    const gone = (await subscribe(second.slug, 'https://hooks.example.com/gone')).json();
    await t.options.db
      .update(webhookEndpoints)
      .set({ confirmedAt: new Date(), enabled: false, disabledReason: 'gone' })
      .where(eq(webhookEndpoints.id, gone.id));
    await upkeepStorage(t.options.db, new Date(), { resultsDays: 30, deliveriesDays: 30 });
    expect(await exists(gone.id)).toBe(false);
    expect(await exists(fresh.id)).toBe(true);
  });
});

describe('subscribing in a hosted deployment', () => {
  let hosted: TestApp;
  beforeAll(async () => {
    hosted = await createTestApp({
      queues,
      logger,
      allowPrivateTargets: false,
      rateLimit: { perKey: 10_000, perIp: 10_000, signInPerIp: 10_000, subscribesPerIp: 3 },
    });
  });
  afterAll(async () => hosted?.close());

  it('refuses a private address, and more than a few subscriptions an hour from one address', async () => {
    const user = await signUpUser(hosted.app);
    const slug = `hosted-${Date.now().toString(36)}`;
    await seedStatusPage(hosted.options.db, { organizationId: user.organizationId, slug, monitors: [] });
    const post = (url: string) =>
      hosted.app.inject({
        method: 'POST',
        url: `/api/v1/public/status-pages/${slug}/subscribers`,
        payload: { url },
      });
    const refused = await post('http://169.254.169.254/latest/meta-data/');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'validation_failed', field: 'url' });
    expect((await post('https://hooks.example.com/a')).statusCode).toBe(202);
    expect((await post('https://hooks.example.com/b')).statusCode).toBe(202);
    const limited = await post('https://hooks.example.com/c');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});
