import { createLogger } from '@mcpulse/config';
import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { incidents } from '@mcpulse/db';
import { startWebhookSender, type WebhookSender } from '@mcpulse/engine';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatusPagesChanged } from '../src/domain/status-pages/page-changes.js';
import { insertMonitor } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const logger = createLogger({ name: 'api-test', level: 'silent' });
const clock = new Date('2026-11-29T10:00:00Z');
let t: TestApp;
let queues: QueueBackend;
let sender: WebhookSender;
let receiver: WebhookReceiver;
let owner: Caller;
let stranger: Caller;
const changed: string[][] = [];

beforeAll(async () => {
  queues = createMemoryBackend({ logger });
  t = await createTestApp({
    queues,
    logger,
    now: () => clock,
    publicUrl: 'https://mcpulse.example.com',
    allowedHosts: [{ hostname: 'status.acme.test' }],
  });
  onStatusPagesChanged(t.options, (ids) => changed.push([...ids]));
  sender = startWebhookSender({
    db: t.options.db,
    queues,
    secretKey: t.options.secretKey,
    allowPrivateTargets: true,
    logger,
  });
  receiver = await startWebhookReceiver();
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
});
afterAll(async () => {
  await sender?.stop();
  await queues?.close();
  await receiver?.close();
  await t?.close();
});

const call = (caller: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: caller.headers, ...(payload ? { payload } : {}) });

interface PageBody {
  id: string;
  slug: string;
  title: string;
  customDomain: string | null;
  domainAllowed: boolean;
  url: string;
  figures: string[];
  subscribers: number;
  groups: Array<{
    id: string;
    name: string;
    monitors: Array<{ monitorId: string; displayName: string | null; monitorName: string }>;
  }>;
}

let slugs = 0;
const slug = () => `acme-${++slugs}`;

describe('status pages API', () => {
  it('creates, reads, replaces and deletes a page with groups of the organisation’s monitors', async () => {
    const api = await insertMonitor(t.database.handle.db, owner.organizationId, { name: 'API server' });
    const docs = await insertMonitor(t.database.handle.db, owner.organizationId, { name: 'Docs server' });
    const created = await call(owner, 'POST', '/api/v1/status-pages', {
      slug: 'Acme-Main',
      title: 'Acme <status>',
      customDomain: 'Status.Acme.test',
      groups: [
        { name: 'Core', monitors: [{ monitorId: api, displayName: 'Public API' }] },
        { name: 'Docs', monitors: [{ monitorId: docs }] },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const page = created.json<PageBody>();
    expect(page).toMatchObject({
      slug: 'acme-main',
      title: 'Acme <status>',
      customDomain: 'status.acme.test',
      domainAllowed: true,
      url: 'https://mcpulse.example.com/status/acme-main',
      figures: ['history', 'uptime', 'latency', 'mcp', 'incidents'],
      subscribers: 0,
      groups: [
        {
          name: 'Core',
          monitors: [{ monitorId: api, displayName: 'Public API', monitorName: 'API server' }],
        },
        { name: 'Docs', monitors: [{ monitorId: docs, displayName: null, monitorName: 'Docs server' }] },
      ],
    });

    const replaced = await call(owner, 'PUT', `/api/v1/status-pages/${page.id}`, {
      slug: 'acme-main',
      title: 'Acme',
      figures: ['uptime'],
      groups: [{ name: 'Everything', monitors: [{ monitorId: docs }, { monitorId: api }] }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json<PageBody>()).toMatchObject({
      customDomain: null,
      domainAllowed: false,
      figures: ['uptime'],
      groups: [{ name: 'Everything', monitors: [{ monitorId: docs }, { monitorId: api }] }],
    });
    expect(changed.at(-1)).toEqual([page.id]);

    const listed = await call(owner, 'GET', '/api/v1/status-pages');
    expect(listed.json<{ pages: PageBody[] }>().pages.map((p) => p.id)).toContain(page.id);
    expect((await call(owner, 'GET', `/api/v1/status-pages/${page.id}`)).json<PageBody>().title).toBe('Acme');

    // Another organisation sees nothing of it, and cannot change or delete it.
    expect((await call(stranger, 'GET', '/api/v1/status-pages')).json()).toEqual({ pages: [] });
    expect((await call(stranger, 'GET', `/api/v1/status-pages/${page.id}`)).statusCode).toBe(404);
    expect(
      (await call(stranger, 'PUT', `/api/v1/status-pages/${page.id}`, { slug: 'x-stolen', title: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await call(stranger, 'DELETE', `/api/v1/status-pages/${page.id}`)).statusCode).toBe(404);

    expect((await call(owner, 'DELETE', `/api/v1/status-pages/${page.id}`)).statusCode).toBe(204);
    expect((await call(owner, 'GET', `/api/v1/status-pages/${page.id}`)).statusCode).toBe(404);
    expect(changed.at(-1)).toEqual([page.id]);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const mine = await insertMonitor(t.database.handle.db, owner.organizationId);
    const theirs = await insertMonitor(t.database.handle.db, stranger.organizationId);
    const first = await call(owner, 'POST', '/api/v1/status-pages', {
      slug: 'taken-slug',
      title: 'x',
      customDomain: 'status.taken.test',
    });
    expect(first.statusCode, first.body).toBe(201);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ slug: 'no spaces', title: 'x' }, 'slug'],
      [{ slug: '-edge', title: 'x' }, 'slug'],
      [{ slug: 'api', title: 'x' }, 'slug'],
      [{ slug: slug(), title: '' }, 'title'],
      [{ slug: slug(), title: 'x'.repeat(STATUS_PAGE_LIMITS.titleChars + 1) }, 'title'],
      [{ slug: slug(), title: 'x', logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
      [{ slug: slug(), title: 'x', logoUrl: 'http://plain.example.com/logo.png' }, 'logoUrl'],
      [{ slug: slug(), title: 'x', customDomain: 'https://status.example.com/' }, 'customDomain'],
      [{ slug: slug(), title: 'x', customDomain: 'status.example.com:8443' }, 'customDomain'],
      [{ slug: slug(), title: 'x', figures: ['history', 'secrets'] }, 'figures.1'],
      [{ slug: slug(), title: 'x', figures: ['history', 'history'] }, 'figures'],
      [{ slug: slug(), title: 'x', groups: [{ name: '', monitors: [] }] }, 'groups.0.name'],
      [
        { slug: slug(), title: 'x', groups: [{ name: 'g', monitors: [{ monitorId: theirs }] }] },
        'groups.0.monitors.0.monitorId',
      ],
      [
        {
          slug: slug(),
          title: 'x',
          groups: [
            { name: 'a', monitors: [{ monitorId: mine }] },
            { name: 'b', monitors: [{ monitorId: mine }] },
          ],
        },
        'groups.1.monitors.0.monitorId',
      ],
      [{ slug: 'taken-slug', title: 'x' }, 'slug'],
      [{ slug: slug(), title: 'x', customDomain: 'STATUS.taken.test' }, 'customDomain'],
      // The service's own host (MCPULSE_PUBLIC_URL's) is never a page's.
      [{ slug: slug(), title: 'x', customDomain: 'mcpulse.example.com' }, 'customDomain'],
      // Nor a loopback name or an address, whatever their DNS.
      [{ slug: slug(), title: 'x', customDomain: 'status.localhost' }, 'customDomain'],
      [{ slug: slug(), title: 'x', customDomain: '10.0.0.1' }, 'customDomain'],
    ];
    for (const [payload, field] of cases) {
      const response = await call(owner, 'POST', '/api/v1/status-pages', payload);
      expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBe(400);
      expect(response.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    // A slug another organisation uses is taken for everyone.
    const stolen = await call(stranger, 'POST', '/api/v1/status-pages', { slug: 'taken-slug', title: 'x' });
    expect(stolen.json().error.field).toBe('slug');
  });

  it('bounds the pages of an organisation, even when they are created at once', async () => {
    const crowded = await signUpUser(t.app);
    const limit = STATUS_PAGE_LIMITS.pagesPerOrganization;
    for (let i = 0; i < limit - 2; i++) {
      const response = await call(crowded, 'POST', '/api/v1/status-pages', {
        slug: `crowded-${i}`,
        title: 't',
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    // Three at once for the last two places: the count is taken under the organisation's lock.
    const racing = await Promise.all(
      [0, 1, 2].map((i) =>
        call(crowded, 'POST', '/api/v1/status-pages', { slug: `crowded-race-${i}`, title: 't' }),
      ),
    );
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 201, 403]);
    const over = racing.find((response) => response.statusCode === 403)!;
    expect(over.json().error).toMatchObject({ code: 'quota_exceeded', limit });
    const listed = await call(crowded, 'GET', '/api/v1/status-pages');
    expect(listed.json<{ pages: unknown[] }>().pages).toHaveLength(limit);
  });

  it('posts updates to an incident: listed newest first, sent signed as incident.updated, pages told', async () => {
    const db = t.database.handle.db;
    const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Search MCP' });
    const page = (
      await call(owner, 'POST', '/api/v1/status-pages', {
        slug: slug(),
        title: 'Search',
        groups: [{ name: 'All', monitors: [{ monitorId }] }],
      })
    ).json<PageBody>();
    const [incident] = await db
      .insert(incidents)
      .values({
        organizationId: owner.organizationId,
        monitorId,
        kind: 'down',
        startedAt: new Date('2026-11-29T09:50:00Z'),
        regions: ['eu-west'],
      })
      .returning({ id: incidents.id });
    const webhook = await call(owner, 'POST', '/api/v1/webhooks', {
      url: receiver.url,
      eventTypes: ['incident.updated'],
    });
    expect(webhook.statusCode, webhook.body).toBe(201);
    const { secret } = webhook.json<{ secret: string }>();

    const before = receiver.received.length;
    const posted = await call(owner, 'POST', `/api/v1/incidents/${incident!.id}/updates`, {
      status: 'identified',
      message: '  A bad deploy <b>of</b> the index; rolling back.  ',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const update = posted.json<{ id: string; status: string; message: string }>();
    expect(update).toMatchObject({
      status: 'identified',
      message: 'A bad deploy <b>of</b> the index; rolling back.',
    });
    expect(changed.at(-1)).toEqual([page.id]);

    const received = (await receiver.waitFor(before + 1))[before]!;
    expect(verifyWebhook(secret, received)).toBe(true);
    expect(received.event).toMatchObject({
      type: 'incident.updated',
      data: {
        monitor: { id: monitorId, name: 'Search MCP' },
        incident: { id: incident!.id, kind: 'down', endedAt: null, maintenance: false },
        update: { id: update.id, status: 'identified', message: update.message },
      },
    });

    await call(owner, 'POST', `/api/v1/incidents/${incident!.id}/updates`, {
      status: 'resolved',
      message: 'Fixed.',
    });
    const listed = await call(owner, 'GET', `/api/v1/incidents/${incident!.id}/updates`);
    expect(listed.json<{ updates: Array<{ status: string }> }>().updates.map((u) => u.status)).toEqual([
      'resolved',
      'identified',
    ]);

    // Another organisation can neither read, post nor delete.
    expect((await call(stranger, 'GET', `/api/v1/incidents/${incident!.id}/updates`)).statusCode).toBe(404);
    expect(
      (
        await call(stranger, 'POST', `/api/v1/incidents/${incident!.id}/updates`, {
          status: 'resolved',
          message: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(stranger, 'DELETE', `/api/v1/incidents/${incident!.id}/updates/${update.id}`)).statusCode,
    ).toBe(404);

    expect(
      (await call(owner, 'DELETE', `/api/v1/incidents/${incident!.id}/updates/${update.id}`)).statusCode,
    ).toBe(204);
    const after = await call(owner, 'GET', `/api/v1/incidents/${incident!.id}/updates`);
    expect(after.json<{ updates: unknown[] }>().updates).toHaveLength(1);

    const bad = await call(owner, 'POST', `/api/v1/incidents/${incident!.id}/updates`, {
      status: 'fixed',
      message: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('status');
  });

  it('keeps a posted update and a subscription when the queue fails after they are stored', async () => {
    const memory = createMemoryBackend({ logger });
    const broken: QueueBackend = {
      ...memory,
      producer: () => ({
        add: async () => {
          throw new Error('redis is down');
        },
        addBulk: async () => {
          throw new Error('redis is down');
        },
      }),
    };
    const shaky = await createTestApp({
      queues: broken,
      logger,
      now: () => clock,
      allowedTargetCidrs: ['127.0.0.0/8'],
    });
    try {
      const user = await signUpUser(shaky.app);
      const db = shaky.database.handle.db;
      const monitorId = await insertMonitor(db, user.organizationId);
      const [incident] = await db
        .insert(incidents)
        .values({
          organizationId: user.organizationId,
          monitorId,
          kind: 'down',
          startedAt: clock,
          regions: ['eu-west'],
        })
        .returning({ id: incidents.id });
      await shaky.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: user.headers,
        payload: { url: receiver.url },
      });
      const posted = await shaky.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${incident!.id}/updates`,
        headers: user.headers,
        payload: { status: 'investigating', message: 'Looking.' },
      });
      // Answered as done: retrying would post it twice; the sender's sweep delivers its webhook.
      expect(posted.statusCode, posted.body).toBe(201);
      const created = await shaky.app.inject({
        method: 'POST',
        url: '/api/v1/status-pages',
        headers: user.headers,
        payload: { slug: slug(), title: 'Shaky', groups: [{ name: 'All', monitors: [{ monitorId }] }] },
      });
      const subscribed = await shaky.app.inject({
        method: 'POST',
        url: `/api/v1/public/status-pages/${created.json<PageBody>().slug}/subscribers`,
        payload: { url: receiver.url },
      });
      // The secret is shown only here: a failing queue must not lose it.
      expect(subscribed.statusCode, subscribed.body).toBe(202);
      expect(subscribed.json().secret).toMatch(/^whsec_/);
    } finally {
      await shaky.close();
      await memory.close();
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/status-pages',
        '/api/v1/status-pages/{id}',
        '/api/v1/incidents/{id}/updates',
        '/api/v1/incidents/{id}/updates/{updateId}',
      ]),
    );
    expect(doc.components.schemas.StatusPage.properties.groups).toBeDefined();
  });
});
