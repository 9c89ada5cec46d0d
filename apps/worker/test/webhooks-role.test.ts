import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { monitors, organizations, webhookDeliveries, webhookEndpoints } from '@mcpulse/db';
import { createTestDatabase, seedStatusPage, type TestDatabase } from '@mcpulse/db/testing';
import { type ProbeJob, probeJobSchema, probeQueueName } from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import { startWebhookReceiver, type WebhookReceiver } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const logger = createLogger({ name: 'webhooks-role-test', level: 'silent' });
const SECRET = randomBytes(32);
const REGION = 'webhook-region';

let database: TestDatabase;
let receiver: WebhookReceiver;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver();
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await database?.drop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(worker: WorkerProcess): WorkerProcess {
  cleanups.push(async () => {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  });
  return worker;
}

function env(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: 'redis://127.0.0.1:6379',
    MCPULSE_QUEUE_PREFIX: prefix,
    MCPULSE_SECRET_KEY: SECRET.toString('hex'),
    MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
    MCPULSE_HEALTH_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    ...extra,
  };
}

describe('the webhooks role', () => {
  it('delivers a signed monitor.down from probe worker → ingest → webhooks processes, and the page’s subscribers theirs, then drains on SIGTERM', async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'hooks' }).returning();
    // Nothing listens on the discard port: every check is refused, so the monitor goes down.
    const [monitor] = await db
      .insert(monitors)
      .values({ organizationId: org!.id, name: 'gone', url: 'http://127.0.0.1:9/mcp', regions: [REGION] })
      .returning();
    const endpointId = randomUUID();
    const secret = newWebhookSecret();
    await db.insert(webhookEndpoints).values({
      id: endpointId,
      organizationId: org!.id,
      url: receiver.url,
      eventTypes: [],
      secretSealed: sealWebhookSecret(SECRET, endpointId, secret),
    });
    receiver.secrets.push(secret);
    // A subscriber of a page showing the monitor: its attempts take the subscribers' queue and the
    // organisation's places in Redis.
    const subscribers = await startWebhookReceiver();
    cleanups.push(() => subscribers.close());
    const pageId = await seedStatusPage(db, {
      organizationId: org!.id,
      slug: `hooks-${randomBytes(4).toString('hex')}`,
      monitors: [{ id: monitor!.id }],
    });
    const subscriberId = randomUUID();
    const subscriberSecret = newWebhookSecret();
    await db.insert(webhookEndpoints).values({
      id: subscriberId,
      organizationId: org!.id,
      url: subscribers.url,
      eventTypes: [],
      secretSealed: sealWebhookSecret(SECRET, subscriberId, subscriberSecret),
      statusPageId: pageId,
      confirmedAt: new Date(0),
    });
    subscribers.secrets.push(subscriberSecret);

    const prefix = `mcpulse-webhooks-${randomBytes(4).toString('hex')}`;
    track(spawnWorker(['probe', '--region', REGION], env(prefix)));
    track(spawnWorker(['ingest'], env(prefix, { DATABASE_URL: database.url, MCPULSE_INGEST_WAIT_MS: '50' })));
    // Subscribers are always under the hosted address rules: only an allowed range opens loopback to them.
    const webhooks = track(
      spawnWorker(
        ['webhooks'],
        env(prefix, { DATABASE_URL: database.url, MCPULSE_ALLOWED_TARGET_CIDRS: '127.0.0.0/8' }),
      ),
    );

    const queues = createBullmqBackend({ redisUrl: 'redis://127.0.0.1:6379', prefix, logger });
    cleanups.push(() => queues.close());
    const base = Date.now() - 120_000;
    const jobs = [0, 1].map((i) => ({
      data: {
        monitorId: monitor!.id,
        region: REGION,
        slot: new Date(base + i * 60_000).toISOString(),
        url: monitor!.url,
        transport: 'auto',
        timeoutMs: 5_000,
        degradedThresholdMs: 1_000,
        headersSealed: null,
        canary: null,
        oauthSealed: null,
        oauthConnectionSealed: null,
        knownSchemaHash: null,
      } satisfies ProbeJob,
      options: { jobId: `${monitor!.id}:${i}` },
    }));
    await queues.producer(probeQueueName(REGION), probeJobSchema).addBulk(jobs);

    const [webhook] = await receiver.waitFor(1, 30_000);
    expect(webhook!.event).toMatchObject({
      type: 'monitor.down',
      data: { monitor: { id: monitor!.id, name: 'gone' }, error: { code: 'connection_refused' } },
    });
    expect(webhook!.verifiedWith).toEqual([secret]);
    expect(String(webhook!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    const delivered = await waitFor(
      () => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)),
      (rows) => rows[0]?.status === 'succeeded',
      10_000,
      'the delivery marked succeeded',
    );
    expect(delivered).toHaveLength(1);
    const [message] = await subscribers.waitFor(1, 10_000);
    expect(message!.event).toMatchObject({ type: 'status_page.incident.opened' });
    expect(message!.verifiedWith).toEqual([subscriberSecret]);

    webhooks.child.kill('SIGTERM');
    expect(await webhooks.exited).toBe(0);
  }, 60_000);

  it('is listed in the usage and refuses to start without its configuration', async () => {
    const worker = track(spawnWorker(['webhooks'], { REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/DATABASE_URL/);
    const usage = track(spawnWorker(['nonsense'], {}));
    expect(await usage.exited).toBe(2);
    expect(usage.output()).toContain('webhooks');
  });
});
