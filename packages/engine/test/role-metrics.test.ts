import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { deliveryBacklog } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { type MetricFamily, parsePrometheus, sampleValue, startWebhookReceiver } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkMetrics,
  createProcessMetrics,
  deploymentQueueNames,
  fanOutEvents,
  ingestBatch,
  ingestMetrics,
  JOB_POLICIES,
  poolMetrics,
  queueMetrics,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  schedulerMetrics,
  startIngester,
  startWebhookSender,
  webhookBacklogMetrics,
  webhookMetrics,
} from '../src/index.js';
import {
  confirming,
  createEndpoint,
  createMonitor,
  createOrganization,
  waitUntil,
} from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'role-metrics-test', level: 'silent' });
const key = randomBytes(32);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

async function scrape(metrics: ReturnType<typeof createProcessMetrics>): Promise<MetricFamily[]> {
  return parsePrometheus(await metrics.render());
}

describe('role metrics', () => {
  it('measure every queue the deployment lists, the directory’s own probe queue and the subscribers’ webhooks included', async () => {
    const queues = createMemoryBackend({ logger });
    const metrics = createProcessMetrics('api');
    let at = 0;
    const names = deploymentQueueNames(['eu-west']);
    queueMetrics(
      metrics,
      queues,
      () => names,
      () => at,
    );
    const anything = z.object({ n: z.number() });
    await queues.producer('probe-eu-west', anything).addBulk([{ data: { n: 1 } }, { data: { n: 2 } }]);
    await queues.producer('probe-eu-west', anything).add({ n: 3 }, { delayMs: 60_000 });
    await queues.producer('directory-probe-eu-west', anything).add({ n: 4 });
    await queues.producer('webhooks-subscribers', anything).addBulk([{ data: { n: 5 } }, { data: { n: 6 } }]);
    at = Date.now() + 5_000;
    try {
      const families = await scrape(metrics);
      const jobs = (queue: string, state: string) =>
        sampleValue(families, 'mcpulse_queue_jobs', { queue, state, role: 'api' });
      expect([jobs('probe-eu-west', 'waiting'), jobs('probe-eu-west', 'delayed')]).toEqual([2, 1]);
      expect([jobs('results', 'waiting'), jobs('webhooks', 'active')]).toEqual([0, 0]);
      expect(jobs('directory-probe-eu-west', 'waiting')).toBe(1);
      expect(jobs('webhooks-subscribers', 'waiting')).toBe(2);
      expect(
        sampleValue(families, 'mcpulse_queue_oldest_waiting_seconds', { queue: 'webhooks-subscribers' }),
      ).toBeGreaterThanOrEqual(5);
      const age = (queue: string) => sampleValue(families, 'mcpulse_queue_oldest_waiting_seconds', { queue });
      expect(age('probe-eu-west')).toBeGreaterThanOrEqual(5);
      expect(age('probe-eu-west')).toBeLessThan(10);
      expect(age('results')).toBe(0);
      expect(age('directory-probe-eu-west')).toBeGreaterThanOrEqual(5);
    } finally {
      await queues.close();
    }
  });

  it('show the Postgres pool busy while a query holds a connection', async () => {
    const metrics = createProcessMetrics('ingest');
    poolMetrics(metrics, () => database.handle.pool());
    // Drizzle runs a query once it is awaited: Promise.resolve starts it now.
    const sleeping = Promise.resolve(database.handle.db.execute('select pg_sleep(0.5)'));
    await waitUntil(
      async () => database.handle.pool()?.total ?? 0,
      (total) => total > (database.handle.pool()?.idle ?? 0),
    );
    const families = await scrape(metrics);
    expect(sampleValue(families, 'mcpulse_db_pool_connections', { state: 'busy' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(families, 'mcpulse_db_pool_max_connections')).toBe(5);
    expect(sampleValue(families, 'mcpulse_db_pool_waiting_queries')).toBe(0);
    await sleeping;
  });

  it('count the results ingest stores, finds stored before and drops, and time its batches', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const metrics = createProcessMetrics('ingest');
    const ingester = startIngester({
      db,
      queues,
      logger,
      maxWaitMs: 20,
      recheckDelayMs: null,
      onBatch: ingestMetrics(metrics).batch,
    });
    try {
      const monitorId = await createMonitor(db, await createOrganization(db));
      const jobs = confirming(monitorId, 'up', 0);
      const producer = queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
      await producer.addBulk(jobs.map((data) => ({ data })));
      const results = (outcome: string) => async () =>
        sampleValue(await scrape(metrics), 'mcpulse_ingest_results_total', { outcome }) ?? 0;
      await waitUntil(results('stored'), (stored) => stored === jobs.length);
      // The same results again: stored before, so duplicates, never stored twice.
      await producer.addBulk(jobs.map((data) => ({ data })));
      await waitUntil(results('duplicate'), (duplicates) => duplicates === jobs.length);
      // Results of a monitor deleted meanwhile are dropped.
      await db.execute(`delete from monitors where id = '${monitorId}'`);
      await producer.addBulk(jobs.map((data) => ({ data })));
      await waitUntil(results('dropped'), (dropped) => dropped === jobs.length);
      expect(await results('stored')()).toBe(jobs.length);
      const families = await scrape(metrics);
      const batches = sampleValue(families, 'mcpulse_ingest_batches_total', { result: 'ok' }) ?? 0;
      expect(batches).toBeGreaterThanOrEqual(3);
      expect(sampleValue(families, 'mcpulse_ingest_batches_total', { result: 'failed' })).toBe(0);
      // The parser drops a labelled histogram's count (every series carries `role`): read off the text.
      const timed = /^mcpulse_ingest_batch_duration_seconds_count\{[^}]*\} (\d+)$/m.exec(
        await metrics.render(),
      );
      expect(Number(timed?.[1])).toBe(batches);
      expect(await results('parked')()).toBe(0);
    } finally {
      await ingester.stop();
      await queues.close();
    }
  });

  it('count webhook attempts by outcome and the backlog waiting to be sent', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const metrics = createProcessMetrics('webhooks');
    webhookBacklogMetrics(metrics, (now) => deliveryBacklog(db, now));
    const organizationId = await createOrganization(db);
    const monitorId = await createMonitor(db, organizationId);
    const refusing = await startWebhookReceiver({ answer: { status: 500, body: 'no' } });
    const accepting = await startWebhookReceiver({ answer: { status: 200, body: 'ok' } });
    try {
      await createEndpoint(db, key, { organizationId, url: refusing.url });
      const good = await createEndpoint(db, key, { organizationId, url: accepting.url });
      accepting.secrets.push(good.secret);
      const down = await ingestBatch(db, confirming(monitorId, 'down', 0), new Date());
      await fanOutEvents(db, queues, down.events);
      // Queued, none sent yet: both deliveries are due.
      const before = await scrape(metrics);
      expect(sampleValue(before, 'mcpulse_webhook_deliveries_pending', { due: 'true' })).toBe(2);
      expect(sampleValue(before, 'mcpulse_webhook_oldest_due_seconds')).toBeGreaterThanOrEqual(0);

      const sender = startWebhookSender({
        db,
        queues,
        secretKey: key,
        allowPrivateTargets: true,
        logger,
        metrics: webhookMetrics(metrics),
        sweepIntervalMs: 60_000,
      });
      try {
        await accepting.waitFor(1);
        const attempts = (outcome: string) => async () =>
          sampleValue(await scrape(metrics), 'mcpulse_webhook_attempts_total', { outcome }) ?? 0;
        await waitUntil(attempts('delivered'), (count) => count === 1);
        await waitUntil(attempts('retrying'), (count) => count === 1);
        expect(await attempts('failed')()).toBe(0);
        // The refused one waits for its retry: pending, no longer due.
        const after = await scrape(metrics);
        expect(sampleValue(after, 'mcpulse_webhook_deliveries_pending', { due: 'true' })).toBe(0);
        expect(sampleValue(after, 'mcpulse_webhook_deliveries_pending', { due: 'false' })).toBe(1);
        expect(sampleValue(after, 'mcpulse_webhook_oldest_due_seconds')).toBe(0);
      } finally {
        await sender.stop();
      }
    } finally {
      await refusing.close();
      await accepting.close();
      await queues.close();
    }
  });

  it('time how late checks start, and what the scheduler leads and enqueues', async () => {
    const metrics = createProcessMetrics('probe');
    const checks = checkMetrics(metrics);
    checks.started('eu-west', 300);
    checks.started('eu-west', 7_000);
    let stats = { enqueued: 12, monitors: 3, leader: true };
    schedulerMetrics(metrics, () => stats);
    const text = await metrics.render();
    const bucket = (le: string) =>
      new RegExp(
        `^mcpulse_check_start_delay_seconds_bucket\\{le="${le}",[^}]*region="eu-west"[^}]*\\} (\\d+)$`,
        'm',
      ).exec(text)?.[1];
    expect([bucket('0.25'), bucket('0.5'), bucket('5'), bucket('10')]).toEqual(['0', '1', '1', '2']);
    const families = parsePrometheus(text);
    expect(sampleValue(families, 'mcpulse_scheduler_leader')).toBe(1);
    expect(sampleValue(families, 'mcpulse_scheduler_monitors')).toBe(3);
    expect(sampleValue(families, 'mcpulse_scheduler_checks_enqueued_total')).toBe(12);
    stats = { enqueued: 20, monitors: 3, leader: false };
    const later = await scrape(metrics);
    expect(sampleValue(later, 'mcpulse_scheduler_leader')).toBe(0);
    expect(sampleValue(later, 'mcpulse_scheduler_checks_enqueued_total')).toBe(20);
  });
});
