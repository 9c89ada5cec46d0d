import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { webhookDeliveries, webhookEndpoints } from '@mcpulse/db';
import { createTestDatabase, seedStatusPage, type TestDatabase } from '@mcpulse/db/testing';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver, type WebhookReceiver } from '@mcpulse/testkit';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fanOutEvents,
  ingestBatch,
  startWebhookSender,
  sweepDeliveries,
  WEBHOOK_SUBSCRIBERS_QUEUE,
  WEBHOOKS_QUEUE,
} from '../src/index.js';
import { type QueuedJob, recordingQueues } from './support/recording-queues.js';
import {
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'webhook-test', level: 'silent' });
const key = randomBytes(32);

const backends: Array<[string, () => QueueBackend]> = [
  ['in-process queue', () => createMemoryBackend({ logger })],
  [
    'BullMQ on Redis',
    () =>
      createBullmqBackend({
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: `mcpulse-test-${randomBytes(4).toString('hex')}`,
        logger,
      }),
  ],
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** An organisation with a monitor shown on a page of its own. */
async function organizationWithPage() {
  const db = database.handle.db;
  const organizationId = await createOrganization(db);
  const monitorId = await createMonitor(db, organizationId);
  const pageId = await seedStatusPage(db, {
    organizationId,
    slug: `isolation-${randomUUID().slice(0, 12)}`,
    monitors: [{ id: monitorId }],
  });
  return { organizationId, monitorId, pageId };
}

async function subscribe(organizationId: string, pageId: string, receiver: WebhookReceiver) {
  const endpoint = await createEndpoint(database.handle.db, key, {
    organizationId,
    url: receiver.url,
    subscriberOf: { statusPageId: pageId, confirmedAt: new Date(0) },
  });
  receiver.secrets.push(endpoint.secret);
  return endpoint;
}

/** The queues the jobs of one delivery were added to, in order. */
const queuesOf = (added: QueuedJob[], deliveryId: string) =>
  added
    .filter((job) => (job.data as { deliveryId: string }).deliveryId === deliveryId)
    .map((job) => job.queue);

describe.each(backends)('status page subscribers on the %s', (_name, makeBackend) => {
  it("never delay an organisation's own webhooks, nor another organisation's subscribers", async () => {
    const db = database.handle.db;
    const queues = recordingQueues(makeBackend());
    const SUBSCRIBERS = 24;
    // Slow but successful: such receivers are never disabled, they only hold the sender.
    const slow = await startWebhookReceiver({ answer: { status: 200, delayMs: 300 } });
    const fast = await startWebhookReceiver();
    const a = await organizationWithPage();
    const ofA: string[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) ofA.push((await subscribe(a.organizationId, a.pageId, slow)).id);
    const b = await organizationWithPage();
    const own = await createEndpoint(db, key, { organizationId: b.organizationId, url: fast.url });
    fast.secrets.push(own.secret);
    const subscriberOfB = await subscribe(b.organizationId, b.pageId, fast);
    // Small budgets, so that sharing one would show: 4 for the own webhooks, 8 for subscribers (2 per organisation).
    const sender = startWebhookSender({
      db,
      queues,
      secretKey: key,
      allowPrivateTargets: true,
      // Subscribers are always under the hosted address rules; only this range opens loopback to them.
      allowedTargetCidrs: ['127.0.0.0/8'],
      concurrency: 4,
      subscriberConcurrency: 8,
      sweepIntervalMs: 3_600_000,
      logger,
    });
    try {
      const down = await ingestBatch(db, confirming(a.monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      await slow.waitFor(1);
      const downB = await ingestBatch(db, confirming(b.monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, downB.events);

      const owners = await fast.waitForMatch((webhook) => webhook.event?.type === 'monitor.down');
      const ofB = await fast.waitForMatch((webhook) => webhook.event?.type === 'status_page.incident.opened');
      const slowReceivedBy = (at: number) =>
        slow.received.filter((webhook) => webhook.receivedAt <= at).length;
      // Both arrived while most of the page's fan-out was still waiting: sharing the own budget, the
      // owner's would have come after 20 of the page's; without the shares, B's subscriber after 8.
      expect(slowReceivedBy(owners.receivedAt)).toBeLessThan(8);
      expect(slowReceivedBy(ofB.receivedAt)).toBeLessThan(8);

      // The attempts waiting for their turn moved their deliveries' next attempt with them, so the
      // sweep does not take them for lost.
      const waiting = await db
        .select()
        .from(webhookDeliveries)
        .where(and(inArray(webhookDeliveries.endpointId, ofA), eq(webhookDeliveries.status, 'pending')));
      expect(waiting.some((row) => row.nextAttemptAt! > row.createdAt)).toBe(true);

      // All of it still arrives, never more than the organisation's share at once.
      await slow.waitFor(SUBSCRIBERS, 45_000);
      expect(slow.mostInFlight).toBeLessThanOrEqual(2);
      const [ownDelivery] = await deliveriesOf(db, own.id);
      const [subscriberDelivery] = await deliveriesOf(db, subscriberOfB.id);
      expect(queuesOf(queues.added, ownDelivery!.id)).toEqual([WEBHOOKS_QUEUE]);
      expect(queuesOf(queues.added, subscriberDelivery!.id)).toEqual([WEBHOOK_SUBSCRIBERS_QUEUE]);
      expect(queues.added.filter((job) => job.queue === WEBHOOKS_QUEUE)).toHaveLength(1);
    } finally {
      await sender.stop();
      await queues.close();
      await slow.close();
      await fast.close();
    }
  }, 60_000);

  it("queues a subscriber's retries, and the sweep's recovered attempts, on the subscribers' queue", async () => {
    const db = database.handle.db;
    const receiver = await startWebhookReceiver();
    receiver.answers.push(503);
    const owners = await startWebhookReceiver();
    const { organizationId, monitorId, pageId } = await organizationWithPage();
    const subscriber = await subscribe(organizationId, pageId, receiver);
    const own = await createEndpoint(db, key, { organizationId, url: owners.url });
    // Older than the events below, so that the sweep's fan-out reaches it.
    await db
      .update(webhookEndpoints)
      .set({ createdAt: new Date(0) })
      .where(eq(webhookEndpoints.id, own.id));

    const queues = recordingQueues(makeBackend());
    const sender = startWebhookSender({
      db,
      queues,
      secretKey: key,
      allowPrivateTargets: true,
      // Subscribers are always under the hosted address rules; only this range opens loopback to them.
      allowedTargetCidrs: ['127.0.0.0/8'],
      sweepIntervalMs: 3_600_000,
      random: () => 0,
      logger,
    });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      await receiver.waitFor(2);
      const [delivery] = await deliveriesOf(db, subscriber.id);
      // The first attempt was refused (503), so the retry was queued: both on the subscribers' queue.
      expect(queuesOf(queues.added, delivery!.id)).toEqual([
        WEBHOOK_SUBSCRIBERS_QUEUE,
        WEBHOOK_SUBSCRIBERS_QUEUE,
      ]);
      expect(queues.added.find((job) => queuesOf([job], delivery!.id).length > 0)?.data).toMatchObject({
        organizationId,
      });
    } finally {
      await sender.stop();
      await queues.close();
    }

    // An event whose fan-out never ran: the sweep makes its deliveries and queues them, then again
    // once they are overdue, each on its own queue (no consumer here: the jobs stay put).
    await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
    const swept = recordingQueues(makeBackend());
    try {
      const now = Date.now();
      expect((await sweepDeliveries(db, swept, new Date(now))).fannedOut).toBeGreaterThanOrEqual(2);
      await sweepDeliveries(db, swept, new Date(now + 60_000));
      const [, recoveredSubscriber] = await deliveriesOf(db, subscriber.id);
      const [, recoveredOwn] = await deliveriesOf(db, own.id);
      expect(queuesOf(swept.added, recoveredSubscriber!.id)).toEqual([
        WEBHOOK_SUBSCRIBERS_QUEUE,
        WEBHOOK_SUBSCRIBERS_QUEUE,
      ]);
      expect(queuesOf(swept.added, recoveredOwn!.id)).toEqual([WEBHOOKS_QUEUE, WEBHOOKS_QUEUE]);
    } finally {
      await swept.close();
      await receiver.close();
      await owners.close();
    }
  }, 30_000);
});
