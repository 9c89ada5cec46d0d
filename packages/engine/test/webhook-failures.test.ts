import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { webhookEndpoints } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver, type WebhookReceiver } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanOutEvents, ingestBatch, startWebhookSender, type WebhookSender } from '../src/index.js';
import {
  attemptsOf,
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
  waitUntil,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'webhook-test', level: 'silent' });
const key = randomBytes(32);
const HOUR_MS = 3_600_000;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** The sender's clock: real time plus an offset a test moves forward. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let queues: QueueBackend;
let sender: WebhookSender;
let receiver: WebhookReceiver;
afterEach(async () => {
  await sender?.stop();
  await queues?.close();
  await receiver?.close();
  clock.offsetMs = 0;
});

async function setUp(answers: number[]) {
  const db = database.handle.db;
  queues = createMemoryBackend({ logger });
  receiver = await startWebhookReceiver();
  receiver.answers.push(...answers);
  const organizationId = await createOrganization(db);
  const monitorId = await createMonitor(db, organizationId);
  const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
  sender = startWebhookSender({
    db,
    queues,
    secretKey: key,
    allowPrivateTargets: true,
    logger,
    now: clock.now,
    random: () => 0,
  });
  return { db, organizationId, monitorId, endpoint };
}

async function endpointRow(id: string) {
  const [row] = await database.handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row!;
}

describe('failing receivers', () => {
  it('disables the endpoint on 410 Gone after one attempt, and sends it nothing more', async () => {
    const { db, monitorId, endpoint } = await setUp([410]);
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events);
    const [delivery] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(delivery).toMatchObject({ attempts: 1, nextAttemptAt: null });
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: false, disabledReason: 'gone' });

    const up = await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
    expect(await fanOutEvents(db, queues, up.events)).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('marks the endpoint failing at the first failure and disables it after 24 h of failures', async () => {
    const { db, monitorId, endpoint } = await setUp([503, 503]);
    const started = clock.now();
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events, started);
    await receiver.waitFor(1);
    const failing = await waitUntil(
      () => endpointRow(endpoint.id),
      (row) => row.failingSince !== null,
    );
    expect(failing.enabled).toBe(true);
    // The retry is due a second later; by then a day has passed on the sender's clock.
    clock.offsetMs = 24 * HOUR_MS;
    await receiver.waitFor(2);
    const [delivery] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(delivery?.attempts).toBe(2);
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: false, disabledReason: 'failing' });
  });

  it('abandons a delivery once its 24 h retry window is over', async () => {
    const { db, monitorId, endpoint } = await setUp([500, 500]);
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events, clock.now());
    await receiver.waitFor(1);
    const [pending] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => rows[0]?.attempts === 1 && rows[0].nextAttemptAt!.getTime() - clock.now().getTime() < 2_000,
    );
    // Other deliveries to the endpoint succeed meanwhile: the endpoint is healthy, this delivery is not.
    await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
    clock.offsetMs = 24 * HOUR_MS + 1_000;
    await receiver.waitFor(2);
    const [delivery] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => rows[0]?.status === 'abandoned',
    );
    expect(delivery).toMatchObject({ attempts: 2, nextAttemptAt: null });
    expect(pending?.status).toBe('pending');
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true, disabledReason: null });
    const attempts = await attemptsOf(db, delivery!.id);
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500]);
  });

  it('logs a refused connection as a failed attempt and schedules a retry', async () => {
    const { db, monitorId, endpoint } = await setUp([]);
    await receiver.close();
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events);
    const [delivery] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => (rows[0]?.attempts ?? 0) >= 1 && rows[0]!.nextAttemptAt!.getTime() - Date.now() < 2_000,
    );
    expect(delivery?.status).toBe('pending');
    const [attempt] = await attemptsOf(db, delivery!.id);
    expect(attempt).toMatchObject({ statusCode: null, responseBody: null });
    expect(attempt?.error).toMatch(/^connection_refused: /);
  });
});

describe('secret rotation', () => {
  it('signs with both secrets while the previous one is valid, then with the new one only', async () => {
    const { db, monitorId, endpoint } = await setUp([]);
    const previous = endpoint.secret;
    const current = newWebhookSecret();
    receiver.secrets.push(previous, current);
    await db
      .update(webhookEndpoints)
      .set({
        secretSealed: sealWebhookSecret(key, endpoint.id, current),
        previousSecretSealed: sealWebhookSecret(key, endpoint.id, previous),
        previousSecretExpiresAt: new Date(Date.now() + 60_000),
      })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events);
    const [during] = await receiver.waitFor(1);
    expect(during?.verifiedWith).toEqual([previous, current]);
    expect(String(during?.headers['webhook-signature']).split(' ')).toHaveLength(2);

    await db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const up = await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
    await fanOutEvents(db, queues, up.events);
    const [, after] = await receiver.waitFor(2);
    expect(after?.verifiedWith).toEqual([current]);
  });
});
