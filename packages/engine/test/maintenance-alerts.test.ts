import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { type DatabaseHandle, events, incidents, insertMaintenanceWindow } from '@mcpulse/db';
import { createPgliteDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { startWebhookReceiver } from '@mcpulse/testkit';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fanOutEvents,
  JOB_POLICIES,
  maintainMaintenance,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  startIngester,
  startWebhookSender,
  sweepDeliveries,
} from '../src/index.js';
import {
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
  waitUntil,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'maintenance-test', level: 'silent' });
const key = randomBytes(32);
/** Recent, on a whole minute, so the sender's sweep looks at these events. */
const START = Math.floor(Date.now() / 60_000) * 60_000 - 40 * 60_000;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createPgliteDatabase();
}, 60_000);
afterAll(async () => handle?.close());

describe('alerts during a maintenance window', () => {
  it('stores the state changes inside a window without a webhook, and alerts again after it', async () => {
    const db = handle.db;
    const queues = createMemoryBackend({ logger });
    const receiver = await startWebhookReceiver();
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(endpoint.secret);
    await insertMaintenanceWindow(
      db,
      {
        organizationId,
        monitorId,
        title: 'upgrade',
        localStart: new Date(START).toISOString().slice(0, 16),
        timeZone: 'UTC',
        durationMs: 10 * 60_000,
        rrule: null,
      },
      new Date(START - 60_000),
    );
    const ingester = startIngester({
      recheckDelayMs: null,
      db,
      queues,
      logger,
      maxWaitMs: 20,
      onEvents: async (stored) => {
        await fanOutEvents(db, queues, stored);
      },
    });
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    const results = queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
    const eventsOf = () =>
      db.select().from(events).where(eq(events.monitorId, monitorId)).orderBy(asc(events.occurredAt));
    try {
      // Down inside the window, up after it: the incident it opened stays unannounced to the end.
      await results.addBulk(confirming(monitorId, 'down', 1, START).map((data) => ({ data })));
      await waitUntil(eventsOf, (rows) => rows.length === 1);
      await results.addBulk(confirming(monitorId, 'up', 20, START).map((data) => ({ data })));
      await waitUntil(eventsOf, (rows) => rows.length === 2);
      // Down again, well after the window: this one is alerted.
      await results.addBulk(confirming(monitorId, 'down', 30, START).map((data) => ({ data })));
      const [delivered] = await receiver.waitFor(1);
      expect(JSON.parse(delivered!.body)).toMatchObject({
        type: 'monitor.down',
        data: { monitor: { id: monitorId } },
      });

      const stored = await eventsOf();
      expect(stored.map((row) => [row.type, row.maintenance])).toEqual([
        ['monitor.down', true],
        ['monitor.up', true],
        ['monitor.down', false],
      ]);
      const opened = await db
        .select({ maintenance: incidents.maintenance })
        .from(incidents)
        .where(eq(incidents.monitorId, monitorId))
        .orderBy(asc(incidents.startedAt));
      expect(opened).toEqual([{ maintenance: true }, { maintenance: false }]);
      // The sender's safety net does not mistake the silenced events for a fan-out that never ran.
      await sweepDeliveries(db, queues, new Date());
      const deliveries = await deliveriesOf(db, endpoint.id);
      expect(deliveries.map((row) => row.eventId)).toEqual([stored[2]!.id]);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await sender.stop();
      await ingester.stop();
      await queues.close();
      await receiver.close();
    }
  }, 60_000);

  it('sends maintenance.started and maintenance.ended once per occurrence, signed like every webhook', async () => {
    const db = handle.db;
    const queues = createMemoryBackend({ logger });
    const receiver = await startWebhookReceiver();
    const organizationId = await createOrganization(db);
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(endpoint.secret);
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    const start = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    const windowId = await insertMaintenanceWindow(
      db,
      {
        organizationId,
        monitorId: null,
        title: 'nightly <b>',
        localStart: new Date(start).toISOString().slice(0, 16),
        timeZone: 'UTC',
        durationMs: 5 * 60_000,
        rrule: 'FREQ=DAILY',
      },
      new Date(start - 60_000),
    );
    const pass = (at: number) => maintainMaintenance({ db, queues, now: () => new Date(at) });
    try {
      // The first test's window, over by now, is announced here: this test counts from after it.
      await pass(start - 2_000);
      expect(await pass(start - 1_000)).toMatchObject({ notices: 0 });
      expect(await pass(start + 1_000)).toMatchObject({ notices: 1 });
      expect(await pass(start + 2_000)).toMatchObject({ notices: 0 });
      expect(await pass(start + 5 * 60_000)).toMatchObject({ notices: 1 });
      expect(await pass(start + 6 * 60_000)).toMatchObject({ notices: 0 });
      const received = (await receiver.waitFor(2)).filter((request) => request.verifiedWith.length > 0);
      const bodies = received.map((request) => JSON.parse(request.body));
      expect(received.every((request) => request.verifiedWith[0] === endpoint.secret)).toBe(true);
      expect(bodies.map((body) => body.type).sort()).toEqual(['maintenance.ended', 'maintenance.started']);
      const started = bodies.find((body) => body.type === 'maintenance.started');
      expect(started.data).toMatchObject({
        monitor: null,
        maintenance: {
          windowId,
          title: 'nightly <b>',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 5 * 60_000).toISOString(),
          timeZone: 'UTC',
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(2);
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  }, 60_000);
});
