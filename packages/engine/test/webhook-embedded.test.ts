import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import type { DatabaseHandle } from '@mcpulse/db';
import { createPgliteDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { startWebhookReceiver } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fanOutEvents,
  JOB_POLICIES,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  startIngester,
  startWebhookSender,
} from '../src/index.js';
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

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createPgliteDatabase();
}, 60_000);
afterAll(async () => handle?.close());

describe('webhooks in the embedded mode (PGlite, in-process queue)', () => {
  it('fans out from the ingester, retries a failure and delivers a verified webhook', async () => {
    const db = handle.db;
    const queues = createMemoryBackend({ logger });
    const receiver = await startWebhookReceiver();
    receiver.answers.push(503);
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const endpoint = await createEndpoint(db, key, { organizationId, url: receiver.url });
    receiver.secrets.push(endpoint.secret);
    const ingester = startIngester({
      recheckDelayMs: null,
      db,
      queues,
      logger,
      maxWaitMs: 20,
      onEvents: async (events) => {
        await fanOutEvents(db, queues, events);
      },
    });
    const sender = startWebhookSender({
      db,
      queues,
      secretKey: key,
      allowPrivateTargets: true,
      logger,
      random: () => 0,
    });
    try {
      const results = queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
      await results.addBulk(confirming(monitorId, 'down', 0).map((data) => ({ data })));
      const [first, second] = await receiver.waitFor(2);
      expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
      expect(second?.verifiedWith).toEqual([endpoint.secret]);
      expect(JSON.parse(second!.body)).toMatchObject({
        type: 'monitor.down',
        data: { monitor: { id: monitorId } },
      });
      const [delivery] = await waitUntil(
        () => deliveriesOf(db, endpoint.id),
        (rows) => rows[0]?.status === 'succeeded',
      );
      const attempts = await attemptsOf(db, delivery!.id);
      expect(attempts.map((attempt) => attempt.statusCode)).toEqual([503, 204]);
    } finally {
      await sender.stop();
      await ingester.stop();
      await queues.close();
      await receiver.close();
    }
  }, 60_000);
});
