import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { startRawServer, startWebhookReceiver } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutEvents, ingestBatch, startWebhookSender } from '../src/index.js';
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

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** Sends one confirmed down to an endpoint at `url` with the given address rules; returns its first attempt. */
async function firstAttempt(
  url: string,
  rules: { allowPrivateTargets: boolean; allowedTargetCidrs?: string[] },
) {
  const db = database.handle.db;
  const queues = createMemoryBackend({ logger });
  const organizationId = await createOrganization(db);
  const monitorId = await createMonitor(db, organizationId);
  const endpoint = await createEndpoint(db, key, { organizationId, url });
  const sender = startWebhookSender({ db, queues, secretKey: key, logger, ...rules });
  try {
    const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
    await fanOutEvents(db, queues, down.events);
    const [delivery] = await waitUntil(
      () => deliveriesOf(db, endpoint.id),
      (rows) => rows[0]?.attempts === 1 && rows[0].nextAttemptAt!.getTime() - Date.now() < 60_000,
    );
    const [attempt] = await attemptsOf(db, delivery!.id);
    return attempt!;
  } finally {
    await sender.stop();
    await queues.close();
  }
}

describe('webhook URLs obey the probe’s address rules', () => {
  it('refuses a loopback receiver when private targets are off, without connecting', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const attempt = await firstAttempt(receiver.url, { allowPrivateTargets: false });
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/^blocked_address: 127\.0\.0\.1 is in a blocked address range/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const redirector = await startRawServer((_req, res) =>
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    try {
      const attempt = await firstAttempt(`${redirector.url}/hooks`, {
        allowPrivateTargets: false,
        allowedTargetCidrs: ['127.0.0.0/8'],
      });
      expect(attempt.error).toMatch(/^blocked_address: .*169\.254\.169\.254/);
    } finally {
      await redirector.close();
    }
  });
});
