import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { webhookEventSchema } from '@mcpulse/core';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { startWebhookReceiver } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueManualAttempt, fanOutEvents, ingestBatch, startWebhookSender } from '../src/index.js';
import {
  attemptsOf,
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  deliveriesOf,
  waitUntil,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'webhook-test', level: process.env.DEBUG_LOG ? 'debug' : 'silent' });
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

describe.each(backends)('webhook delivery on the %s', (_name, makeBackend) => {
  it('delivers signed down and up events a Standard Webhooks receiver verifies, in order', async () => {
    const db = database.handle.db;
    const queues = makeBackend();
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const receiver = await startWebhookReceiver({ answer: { status: 200, body: 'ok' } });
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(endpoint.secret);
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      const up = await ingestBatch(db, confirming(monitorId, 'up', 2), new Date());
      await fanOutEvents(db, queues, up.events);
      const received = await receiver.waitFor(2);

      expect(received.every((webhook) => webhook.verifiedWith.length === 1)).toBe(true);
      // Arrival order is not guaranteed (docs/webhooks.md): two deliveries may be in flight at once,
      // and a receiver orders them by `timestamp`, as here.
      const payloads = received
        .map((webhook) => webhookEventSchema.parse(JSON.parse(webhook.body)))
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
      expect(payloads.map((payload) => payload.type)).toEqual(['monitor.down', 'monitor.up']);
      expect(payloads.map((payload) => payload.id)).toEqual([down.events[0]?.id, up.events[0]?.id]);
      expect(payloads[0]).toMatchObject({
        data: {
          monitor: { id: monitorId, name: 'Docs MCP', url: 'https://mcp.example.com/mcp' },
          error: { code: 'timeout', message: 'no answer' },
          regions: expect.arrayContaining(['eu-west']),
        },
      });
      expect(payloads[1]).toMatchObject({ data: { downtimeMs: 120_000, error: null } });
      expect(received[0]?.headers['content-type']).toBe('application/json');
      expect(received[0]?.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(received[0]?.headers['webhook-id']).not.toBe(received[1]?.headers['webhook-id']);

      const deliveries = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows.every((row) => row.status === 'succeeded'),
      );
      expect(deliveries).toHaveLength(2);
      const [attempt] = await attemptsOf(db, deliveries[0]!.id);
      expect(attempt).toMatchObject({
        attempt: 1,
        statusCode: 200,
        responseBody: 'ok',
        error: null,
        manual: false,
      });
      expect(attempt?.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  }, 30_000);
});

describe('retries, redelivery and formats (in-process queue)', () => {
  it('retries a 500 after the backoff and succeeds with the same webhook-id', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const receiver = await startWebhookReceiver({ answer: { status: 200, body: 'ok' } });
    receiver.answers.push({ status: 500, body: 'receiver broke' });
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    // random 0: the shortest wait the policy allows (1 s).
    const sender = startWebhookSender({
      db,
      queues,
      secretKey: key,
      allowPrivateTargets: true,
      logger,
      random: () => 0,
    });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      const [first] = await receiver.waitFor(1);
      const [pending] = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows[0]?.attempts === 1 && rows[0].nextAttemptAt!.getTime() - Date.now() < 2_000,
      );
      expect(pending).toMatchObject({ status: 'pending' });
      // Due one second (the policy's floor) after the failed attempt was logged.
      const wait = pending!.nextAttemptAt!.getTime() - pending!.lastAttemptAt!.getTime();
      expect(wait).toBeGreaterThanOrEqual(1_000);
      expect(wait).toBeLessThan(1_500);

      const [, second] = await receiver.waitFor(2);
      expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(900);
      expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
      expect(second?.body).toBe(first?.body);

      const [delivery] = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows[0]?.status === 'succeeded',
      );
      expect(delivery).toMatchObject({ attempts: 2, nextAttemptAt: null });
      const attempts = await attemptsOf(db, delivery!.id);
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
        [1, 500, 'receiver broke'],
        [2, 200, 'ok'],
      ]);
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  });

  it('redelivers by hand under the same webhook-id and logs the attempt as manual', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const receiver = await startWebhookReceiver();
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      const [delivery] = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows[0]?.status === 'succeeded',
      );
      await enqueueManualAttempt(queues, delivery!.id);
      const [first, again] = await receiver.waitFor(2);
      expect(again?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
      const attempts = await waitUntil(
        () => attemptsOf(db, delivery!.id),
        (rows) => rows.length === 2,
      );
      expect(attempts.map((a) => [a.attempt, a.manual])).toEqual([
        [1, false],
        [2, true],
      ]);
      const [after] = await deliveriesOf(db, endpoint.id);
      expect(after).toMatchObject({ status: 'succeeded', attempts: 2 });
    } finally {
      await sender.stop();
      await queues.close();
      await receiver.close();
    }
  });

  it('sends Slack and Discord bodies, signed like every other', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const slackReceiver = await startWebhookReceiver();
    const discordReceiver = await startWebhookReceiver();
    const slack = await createEndpoint(db, key, { organizationId, url: slackReceiver.url, format: 'slack' });
    const discord = await createEndpoint(db, key, {
      organizationId,
      url: discordReceiver.url,
      format: 'discord',
    });
    slackReceiver.secrets.push(slack.secret);
    discordReceiver.secrets.push(discord.secret);
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      const [slackWebhook] = await slackReceiver.waitFor(1);
      const [discordWebhook] = await discordReceiver.waitFor(1);
      // Stored sealed, with only the origin in view: sent to the full URL all the same.
      expect([slackWebhook!.path, discordWebhook!.path]).toEqual(['/hooks', '/hooks']);
      expect(JSON.parse(slackWebhook!.body)).toMatchObject({
        text: ':red_circle: Docs MCP is down',
        blocks: expect.arrayContaining([expect.objectContaining({ type: 'header' })]),
      });
      expect(JSON.parse(discordWebhook!.body)).toMatchObject({
        content: 'Docs MCP is down',
        embeds: [expect.objectContaining({ title: 'Docs MCP is down' })],
      });
      expect(slackWebhook?.verifiedWith).toEqual([slack.secret]);
      expect(discordWebhook?.verifiedWith).toEqual([discord.secret]);
    } finally {
      await sender.stop();
      await queues.close();
      await slackReceiver.close();
      await discordReceiver.close();
    }
  });
});
