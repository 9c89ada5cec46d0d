import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { statusPageEventSchema, subscriberToken } from '@mcpulse/core';
import { events, webhookDeliveries } from '@mcpulse/db';
import { createTestDatabase, seedStatusPage, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fanOutEvents, ingestBatch, startWebhookSender, type WebhookSender } from '../src/index.js';
import {
  attemptsOf,
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
  START,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'webhook-test', level: 'silent' });
const key = randomBytes(32);
const PUBLIC_URL = 'https://status.example.test';

let database: TestDatabase;
let queues: QueueBackend;
let sender: WebhookSender;
let receiver: WebhookReceiver;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());
beforeEach(async () => {
  queues = createMemoryBackend({ logger });
  receiver = await startWebhookReceiver({ refuseUnverified: true });
  sender = startWebhookSender({
    db: database.handle.db,
    queues,
    secretKey: key,
    allowPrivateTargets: true,
    // Subscribers are held to the hosted address rules; the operator's ranges are their one exception.
    allowedTargetCidrs: ['127.0.0.0/8'],
    publicUrl: `${PUBLIC_URL}/`,
    sweepIntervalMs: 3_600_000,
    logger,
  });
});
afterEach(async () => {
  await sender.stop();
  await queues.close();
  await receiver.close();
});

let slugs = 0;
const slug = () => `engine-page-${++slugs}-${randomUUID().slice(0, 8)}`;

/** A confirmed subscriber of the page, its secret given to the receiver. */
async function subscriber(
  organizationId: string,
  statusPageId: string,
  confirmedAt: Date | null = new Date(0),
) {
  const endpoint = await createEndpoint(database.handle.db, key, {
    organizationId,
    url: receiver.url,
    subscriberOf: { statusPageId, confirmedAt },
  });
  receiver.secrets.push(endpoint.secret);
  return endpoint;
}

/** An org-wide or per-monitor maintenance event, as the leader stores it. */
async function maintenanceEvent(
  organizationId: string,
  monitorId: string | null,
  options: { flagged?: boolean; occurredAt?: Date } = {},
) {
  const at = options.occurredAt ?? new Date();
  const [event] = await database.handle.db
    .insert(events)
    .values({
      organizationId,
      monitorId,
      type: 'maintenance.started',
      occurredAt: at,
      dedupeKey: `maintenance:${randomUUID()}`,
      maintenance: options.flagged ?? false,
      payload: {
        monitor: null,
        maintenance: {
          windowId: randomUUID(),
          occurrenceId: randomUUID(),
          title: 'Database upgrade',
          startsAt: at.toISOString(),
          endsAt: new Date(at.getTime() + 3_600_000).toISOString(),
          timeZone: 'UTC',
        },
      },
    })
    .returning();
  return event!;
}

describe('status page subscribers through the pipeline', () => {
  it('holds a subscriber to the hosted address rules even where the deployment allows private targets', async () => {
    const db = database.handle.db;
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const pageId = await seedStatusPage(db, { organizationId, slug: slug(), monitors: [{ id: monitorId }] });
    const ofPage = await subscriber(organizationId, pageId);
    const owners = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(owners.secret);
    // Private targets allowed, and no range opened by the operator: the embedded mode's default.
    const openQueues = createMemoryBackend({ logger });
    const open = startWebhookSender({
      db,
      queues: openQueues,
      secretKey: key,
      allowPrivateTargets: true,
      publicUrl: PUBLIC_URL,
      sweepIntervalMs: 3_600_000,
      logger,
    });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, openQueues, down.events);
      // The owner's endpoint on loopback is the deployment's business and is reached…
      const mine = await receiver.waitForMatch((webhook) => webhook.verifiedWith.includes(owners.secret));
      expect(mine.event).toMatchObject({ type: 'monitor.down' });
      // …the subscriber's, given by anyone on the internet, is refused at the address.
      const [theirs] = await deliveriesOf(db, ofPage.id);
      let attempts: Awaited<ReturnType<typeof attemptsOf>> = [];
      for (let waited = 0; attempts.length === 0 && waited < 10_000; waited += 50) {
        attempts = await attemptsOf(db, theirs!.id);
        if (attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(attempts[0]?.error).toMatch(/^blocked_address/);
      expect(receiver.received.some((webhook) => webhook.verifiedWith.includes(ofPage.secret))).toBe(false);
    } finally {
      await open.stop();
      await openQueues.close();
    }
  });

  it('sends an incident confirmed by ingest to each page showing the monitor, named as that page names it', async () => {
    const db = database.handle.db;
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId, 'Internal docs MCP');
    const pageA = await seedStatusPage(db, {
      organizationId,
      slug: slug(),
      monitors: [{ id: monitorId, displayName: 'Docs' }],
    });
    const pageB = await seedStatusPage(db, {
      organizationId,
      slug: slug(),
      monitors: [{ id: monitorId, displayName: 'Documentation' }],
    });
    const ofA = await subscriber(organizationId, pageA);
    const ofB = await subscriber(organizationId, pageB);
    const pending = await subscriber(organizationId, pageA, null);
    const owners = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(owners.secret);

    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    expect(down.events).toHaveLength(1);
    await fanOutEvents(db, queues, down.events);
    const up = await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
    await fanOutEvents(db, queues, up.events);

    const received = await receiver.waitFor(6);
    const bySubscriber = (secret: string) =>
      received.filter((webhook) => webhook.verifiedWith.includes(secret)).map((webhook) => webhook.event);
    const [opened, resolved] = bySubscriber(ofA.secret).sort((x, y) =>
      String(x?.type).localeCompare(String(y?.type)),
    );
    for (const event of [opened, resolved]) expect(() => statusPageEventSchema.parse(event)).not.toThrow();
    expect(opened).toMatchObject({
      type: 'status_page.incident.opened',
      monitor: { name: 'Docs' },
      incident: { impact: 'down', status: 'open', endedAt: null },
      unsubscribe: { token: subscriberToken(key, 'unsubscribe', ofA.id) },
    });
    expect(resolved).toMatchObject({
      type: 'status_page.incident.resolved',
      monitor: { name: 'Docs' },
      incident: { status: 'resolved', id: (opened as { incident: { id: string } }).incident.id },
    });
    expect((resolved as { incident: { endedAt: string | null } }).incident.endedAt).not.toBeNull();
    expect(
      bySubscriber(ofB.secret).map((event) => (event as { monitor: { name: string } }).monitor.name),
    ).toEqual(['Documentation', 'Documentation']);
    // The owner's own endpoint gets the standard payload, with the URL the public one leaves out.
    expect(
      bySubscriber(owners.secret)
        .map((event) => event?.type)
        .sort(),
    ).toEqual(['monitor.down', 'monitor.up']);
    for (const webhook of received.filter((one) => !one.verifiedWith.includes(owners.secret))) {
      expect(webhook.body).not.toContain('mcp.example.com');
      expect(webhook.body).not.toContain('Internal docs MCP');
      expect(webhook.body).toContain(`"url":"${PUBLIC_URL}/status/`);
    }
    expect(await deliveriesOf(db, pending.id)).toEqual([]);
    expect(verifyWebhook(ofA.secret, received.find((one) => one.verifiedWith.includes(ofA.secret))!)).toBe(
      true,
    );
  });

  it('sends org-wide maintenance to pages of the organisation that show a monitor, never maintenance-flagged events', async () => {
    const db = database.handle.db;
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const shown = await seedStatusPage(db, { organizationId, slug: slug(), monitors: [{ id: monitorId }] });
    const empty = await seedStatusPage(db, { organizationId, slug: slug(), monitors: [] });
    const strangers = await createOrganization(db);
    const theirs = await seedStatusPage(db, {
      organizationId: strangers,
      slug: slug(),
      monitors: [{ id: await createMonitor(db, strangers) }],
    });
    const ofShown = await subscriber(organizationId, shown);
    const ofEmpty = await subscriber(organizationId, empty);
    const ofTheirs = await subscriber(strangers, theirs);

    const wide = await maintenanceEvent(organizationId, null);
    const flagged = await maintenanceEvent(organizationId, monitorId, { flagged: true });
    expect(await fanOutEvents(db, queues, [wide, flagged])).toBe(1);
    const [message] = await receiver.waitFor(1);
    expect(message!.verifiedWith).toEqual([ofShown.secret]);
    expect(message!.event).toMatchObject({
      type: 'status_page.maintenance.started',
      monitor: null,
      maintenance: { title: 'Database upgrade' },
    });
    expect(await deliveriesOf(db, ofEmpty.id)).toEqual([]);
    expect(await deliveriesOf(db, ofTheirs.id)).toEqual([]);
  });

  it('has the sweep repeat a lost fan-out for subscribers confirmed before the event', async () => {
    const db = database.handle.db;
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const pageId = await seedStatusPage(db, { organizationId, slug: slug(), monitors: [{ id: monitorId }] });
    const before = await subscriber(organizationId, pageId, new Date(START - 60_000));
    const after = await subscriber(organizationId, pageId, new Date());
    // Ingest stored the event, then died before fanning out.
    const event = await maintenanceEvent(organizationId, monitorId, {
      occurredAt: new Date(Date.now() - 60_000),
    });
    expect((await sender.sweep()).fannedOut).toBe(1);
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id));
    expect(rows.map((row) => row.endpointId)).toEqual([before.id]);
    expect(await deliveriesOf(db, after.id)).toEqual([]);
  });
});
