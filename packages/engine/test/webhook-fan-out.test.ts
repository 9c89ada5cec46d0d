import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { events, webhookDeliveries } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { startWebhookReceiver } from '@mcpulse/testkit';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutEvents, ingestBatch, startWebhookSender } from '../src/index.js';
import {
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
  resultJob,
  waitUntil,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'webhook-test', level: 'silent' });
const key = randomBytes(32);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

describe('fan-out', () => {
  it('matches each endpoint’s event-type and monitor filters, within the organisation only', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const organizationId = await createOrganization(db);
    const watched = await createMonitor(db, organizationId, 'watched');
    const other = await createMonitor(db, organizationId, 'other');
    const url = 'http://127.0.0.1:9/hooks';
    const all = await createEndpoint(db, key, { organizationId, url });
    const upOnly = await createEndpoint(db, key, { organizationId, url, eventTypes: ['monitor.up'] });
    const watchedOnly = await createEndpoint(db, key, { organizationId, url, monitorIds: [watched] });
    const downOfOther = await createEndpoint(db, key, {
      organizationId,
      url,
      eventTypes: ['monitor.down', 'schema.drift'],
      monitorIds: [other],
    });
    const stranger = await createEndpoint(db, key, { organizationId: await createOrganization(db), url });
    try {
      for (const monitorId of [watched, other]) {
        const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
        await fanOutEvents(db, queues, down.events);
        const up = await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
        await fanOutEvents(db, queues, up.events);
      }
      const received = async (endpointId: string) => {
        const rows = await db
          .select({ type: events.type, monitorId: events.monitorId })
          .from(webhookDeliveries)
          .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
          .where(eq(webhookDeliveries.endpointId, endpointId));
        return rows.map((row) => `${row.monitorId === watched ? 'watched' : 'other'} ${row.type}`).sort();
      };
      expect(await received(all.id)).toEqual([
        'other monitor.down',
        'other monitor.up',
        'watched monitor.down',
        'watched monitor.up',
      ]);
      expect(await received(upOnly.id)).toEqual(['other monitor.up', 'watched monitor.up']);
      expect(await received(watchedOnly.id)).toEqual(['watched monitor.down', 'watched monitor.up']);
      expect(await received(downOfOther.id)).toEqual(['other monitor.down']);
      expect(await received(stranger.id)).toEqual([]);
    } finally {
      await queues.close();
    }
  });

  it('creates exactly one delivery per endpoint when two ingesters race over the same results', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const receiver = await startWebhookReceiver();
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const endpoints = await Promise.all(
      [1, 2, 3].map(() => createEndpoint(db, key, { organizationId, url: receiver.url })),
    );
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      const batch = confirming(monitorId, 'down', 0);
      // Each ingester fans out whatever its own batch reported, as the worker's onEvents does.
      const ingest = async (jobs: typeof batch) => {
        const outcome = await ingestBatch(db, jobs, new Date());
        return fanOutEvents(db, queues, outcome.events);
      };
      const created = await Promise.all([
        ingest(batch),
        ingest([...batch].reverse()),
        ingest(batch.slice(1)),
      ]);
      expect(created.reduce((sum, count) => sum + count, 0)).toBe(3);
      // Even a fan-out repeated for the same event (a retried onEvents) adds nothing.
      const [event] = await db.select({ id: events.id }).from(events).where(eq(events.monitorId, monitorId));
      expect(
        await Promise.all([fanOutEvents(db, queues, [event!]), fanOutEvents(db, queues, [event!])]),
      ).toEqual([0, 0]);
      await receiver.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(3);
      for (const endpoint of endpoints) expect(await deliveriesOf(db, endpoint.id)).toHaveLength(1);
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  });
});

describe('the sender’s sweep', () => {
  it('fans out an event whose fan-out never ran, and queues again a due attempt whose job was lost', async () => {
    const db = database.handle.db;
    const receiver = await startWebhookReceiver();
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    const lost = createMemoryBackend({ logger });
    // Slots after the endpoint's creation: the sweep only fans out events an endpoint was there for.
    const start = Date.now() + 1_000;
    // Ingest commits, then its fan-out never runs (the process died in between).
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0, start), new Date());
    expect(down.events).toHaveLength(1);
    // A second event's deliveries were stored, but their jobs went to a queue that is gone now.
    const up = await ingestBatch(db, confirming(monitorId, 'up', 2, start), new Date());
    await fanOutEvents(db, lost, up.events, new Date(Date.now() - 60_000));
    await lost.close();

    const queues = createMemoryBackend({ logger });
    const sender = startWebhookSender({
      db,
      queues,
      secretKey: key,
      allowPrivateTargets: true,
      logger,
      sweepIntervalMs: 60_000,
    });
    try {
      await receiver.waitFor(2);
      const types = receiver.received.map((webhook) => JSON.parse(webhook.body).type).sort();
      expect(types).toEqual(['monitor.down', 'monitor.up']);
      const deliveries = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows.length === 2 && rows.every((row) => row.status === 'succeeded'),
      );
      expect(deliveries.map((row) => row.attempts)).toEqual([1, 1]);
      expect(await sender.sweep()).toEqual({ fannedOut: 0, requeued: 0 });
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  });

  it('leaves alone events older than its window and endpoints created after the event', async () => {
    const db = database.handle.db;
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const longAgo = Date.now() - 3 * 3_600_000;
    const old = await ingestBatch(
      db,
      [0, 1].map((minute) => resultJob(monitorId, 'eu-west', minute, 'down', longAgo)),
      new Date(),
    );
    expect(old.events).toHaveLength(1);
    const endpoint = await createEndpoint(db, key, { organizationId, url: 'http://127.0.0.1:9/hooks' });
    const queues = createMemoryBackend({ logger });
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      await sender.sweep();
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(
          inArray(
            webhookDeliveries.eventId,
            old.events.map((event) => event.id),
          ),
        );
      expect(rows).toEqual([]);
      expect(await deliveriesOf(db, endpoint.id)).toEqual([]);
    } finally {
      await sender.stop();
      await queues.close();
    }
  });
});
