import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { type Tool, webhookEventSchema } from '@mcpulse/core';
import { listReleases, monitors } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { runProbe } from '@mcpulse/probe';
import { createMemoryBackend } from '@mcpulse/queue';
import {
  type FixtureServer,
  startV1Stateless,
  startV2ModernOnly,
  startWebhookReceiver,
} from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutEvents, ingestBatch, type ProbedResultJob, startWebhookSender } from '../src/index.js';
import { createEndpoint, createOrganization, deliveriesOf, waitUntil } from './support/webhook-fixtures.js';

const logger = createLogger({
  name: 'server-upgrade-test',
  level: process.env.DEBUG_LOG ? 'debug' : 'silent',
});
const key = randomBytes(32);
const T0 = Date.now() - 10 * 60_000;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** One real check of `url` by the probe, as a probe worker would push it for `minute`. */
async function check(monitorId: string, url: string, minute: number): Promise<ProbedResultJob> {
  const { result, tools } = await runProbe({ url, allowPrivateAddresses: true, timeoutMs: 5_000 });
  expect(result.status, JSON.stringify(result.error)).toBe('up');
  return {
    monitorId,
    region: 'local',
    slot: new Date(T0 + minute * 60_000).toISOString(),
    result,
    tools: tools as Tool[] | null,
  };
}

describe('a real server that upgrades between checks', () => {
  it('moving from 2025-11-25 to 2026-07-28 with a new release is a signed protocol.changed, a release marker and a drift marked as across it', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const organizationId = await createOrganization(db);
    let server: FixtureServer = await startV1Stateless({ name: 'docs', version: '1.4.1' });
    const url = server.url;
    const port = Number(new URL(url).port);
    const [monitor] = await db
      .insert(monitors)
      .values({ organizationId, name: 'Docs <b>MCP</b>', url, regions: ['local'] })
      .returning();
    const monitorId = monitor!.id;
    const standard = await startWebhookReceiver();
    const slack = await startWebhookReceiver();
    const downOnly = await startWebhookReceiver();
    const standardEndpoint = await createEndpoint(db, key, { organizationId, url: standard.url });
    const slackEndpoint = await createEndpoint(db, key, {
      organizationId,
      url: slack.url,
      format: 'slack',
      eventTypes: ['protocol.changed'],
    });
    const downEndpoint = await createEndpoint(db, key, {
      organizationId,
      url: downOnly.url,
      eventTypes: ['monitor.down'],
    });
    standard.secrets.push(standardEndpoint.secret);
    slack.secrets.push(slackEndpoint.secret);
    const sender = startWebhookSender({ db, queues, secretKey: key, allowPrivateTargets: true, logger });
    try {
      const before = await ingestBatch(
        db,
        [await check(monitorId, url, 0), await check(monitorId, url, 1)],
        new Date(),
      );
      // A monitor that starts healthy sends nothing; the server's first protocol and release are where it starts.
      expect(before.events).toEqual([]);

      // The same address, now served by the 2026-07-28 SDK with the same tools, in a new release.
      await server.close();
      server = await startV2ModernOnly({ name: 'docs', version: '1.4.2', port });
      const after = await ingestBatch(
        db,
        [await check(monitorId, url, 2), await check(monitorId, url, 3)],
        new Date(),
      );
      const types = after.events.map((event) => event.type);
      // The same tools, listed by the 2026-07-28 SDK, hash differently: a drift, marked as across the change.
      expect(types).toEqual(['protocol.changed', 'schema.drift']);
      await fanOutEvents(db, queues, after.events);

      const received = await standard.waitFor(after.events.length);
      expect(received.every((webhook) => webhook.verifiedWith.length === 1)).toBe(true);
      const payloads = received.map((webhook) => webhookEventSchema.parse(JSON.parse(webhook.body)));
      const protocol = payloads.find((payload) => payload.type === 'protocol.changed');
      expect(protocol).toMatchObject({
        id: after.events[0]?.id,
        timestamp: new Date(T0 + 3 * 60_000).toISOString(),
        data: {
          monitor: { id: monitorId, url },
          from: { era: 'legacy', protocolVersion: '2025-11-25', transport: 'streamable-http' },
          to: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
          changed: ['era', 'protocolVersion'],
          firstSeenAt: new Date(T0 + 2 * 60_000).toISOString(),
        },
      });
      const drift = payloads.find((payload) => payload.type === 'schema.drift');
      expect(drift?.type === 'schema.drift' && drift.data.protocolChange).toEqual({
        from: { era: 'legacy', protocolVersion: '2025-11-25', transport: 'streamable-http' },
        to: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
      });

      const [slackWebhook] = await slack.waitFor(1);
      expect(slackWebhook?.verifiedWith).toEqual([slackEndpoint.secret]);
      const slackBody = JSON.parse(slackWebhook!.body) as { text: string };
      expect(slackBody.text).toBe(':large_blue_circle: Protocol changed on Docs &lt;b&gt;MCP&lt;/b&gt;');
      expect(slackWebhook!.body).toContain('`2026-07-28 (modern, streamable-http)`');

      const releases = await listReleases(db, monitorId, {}, undefined, 10);
      expect(releases.items).toMatchObject([
        {
          fromVersion: '1.4.1',
          toVersion: '1.4.2',
          serverName: 'docs',
          firstSeenAt: new Date(T0 + 2 * 60_000),
        },
      ]);

      // Subscriptions hold: the endpoint for monitor.down only got nothing, the Slack one only the protocol change.
      await waitUntil(
        () => deliveriesOf(db, standardEndpoint.id),
        (rows) => rows.length === received.length && rows.every((row) => row.status === 'succeeded'),
      );
      expect(await deliveriesOf(db, downEndpoint.id)).toEqual([]);
      expect(downOnly.received).toEqual([]);
      expect(await deliveriesOf(db, slackEndpoint.id)).toHaveLength(1);
    } finally {
      await sender.stop();
      await queues.close();
      await server.close();
      await Promise.all([standard.close(), slack.close(), downOnly.close()]);
    }
    const [stored] = await db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(stored?.url).toBe(url);
  }, 60_000);
});
