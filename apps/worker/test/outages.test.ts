import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { type Db, monitors, openDatabase, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { type ProbeJob, probeJobSchema, probeQueueName, startIngester } from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import { type FixtureServer, startRedisInstance, startTcpProxy, startV2ModernOnly } from '@mcpulse/testkit';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const logger = createLogger({ name: 'outages-test', level: 'silent' });
const SECRET = randomBytes(32);

let database: TestDatabase;
let fixture: FixtureServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await startV2ModernOnly();
}, 60_000);
afterAll(async () => {
  await fixture?.close();
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

async function newMonitors(db: Db, region: string, count: number): Promise<string[]> {
  const [org] = await db.insert(organizations).values({ name: 'outages' }).returning();
  const rows = await db
    .insert(monitors)
    .values(
      Array.from({ length: count }, (_, i) => ({
        organizationId: org!.id,
        name: `m${i}`,
        url: fixture.url,
        regions: [region],
        intervalSeconds: 30,
      })),
    )
    .returning({ id: monitors.id });
  return rows.map((row) => row.id);
}

function env(redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    MCPULSE_QUEUE_PREFIX: prefix,
    MCPULSE_SECRET_KEY: SECRET.toString('hex'),
    MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
    MCPULSE_HEALTH_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    ...extra,
  };
}

describe('outages', () => {
  it('Redis restarted: the scheduler and the workers reconnect and checks resume within 10 s', async () => {
    const redis = await startRedisInstance();
    cleanups.push(() => redis.stop());
    const db = database.handle.db;
    const region = 'redis-restart';
    const ids = await newMonitors(db, region, 60);
    const prefix = `mcpulse-outage-${randomBytes(4).toString('hex')}`;
    const queues = createBullmqBackend({ redisUrl: redis.url, prefix, logger });
    const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
    cleanups.push(
      () => queues.close(),
      () => ingester.stop(),
    );
    track(spawnWorker(['scheduler'], env(redis.url, prefix, { DATABASE_URL: database.url })));
    track(spawnWorker(['probe', '--region', region], env(redis.url, prefix)));
    const storedSince = async (since: Date) => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(probeResults)
        .where(and(inArray(probeResults.monitorId, ids), gt(probeResults.checkedAt, since)));
      return row?.n ?? 0;
    };
    await waitFor(
      () => storedSince(new Date(0)),
      (n) => n >= 3,
      40_000,
      'checks before the restart',
    );

    await redis.restart(1_000);
    const restarted = new Date();
    await waitFor(
      () => storedSince(restarted),
      (n) => n >= 1,
      10_000,
      'a check stored after Redis came back',
    );
    expect(Date.now() - restarted.getTime()).toBeLessThan(10_000);
  }, 90_000);

  it('Postgres unavailable for 30 s: results wait in the queue and are all stored once after it returns', async () => {
    const proxy = await startTcpProxy(5432);
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const ingestDb = await openDatabase({
      kind: 'postgres',
      url: viaProxy.toString(),
      poolSize: 2,
      onError: () => {},
    });
    cleanups.push(() => ingestDb.close());
    const db = database.handle.db;
    const region = 'pg-outage';
    const [monitorId] = await newMonitors(db, region, 1);
    const prefix = `mcpulse-outage-${randomBytes(4).toString('hex')}`;
    const queues = createBullmqBackend({ redisUrl: 'redis://127.0.0.1:6379', prefix, logger });
    const ingester = startIngester({ db: ingestDb.db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
    cleanups.push(
      () => queues.close(),
      () => ingester.stop(),
    );
    track(spawnWorker(['probe', '--region', region], env('redis://127.0.0.1:6379', prefix)));

    await proxy.cut();
    const base = Date.parse('2026-11-20T00:00:00Z') + Math.floor(Math.random() * 1e6) * 60_000;
    const jobs: Array<{ data: ProbeJob; options: { jobId: string } }> = Array.from(
      { length: 20 },
      (_, i) => ({
        data: {
          monitorId: monitorId!,
          region,
          slot: new Date(base + i * 30_000).toISOString(),
          url: fixture.url,
          transport: 'auto',
          timeoutMs: 10_000,
          degradedThresholdMs: 5_000,
          headersSealed: null,
          canary: null,
          oauthSealed: null,
          oauthConnectionSealed: null,
          knownSchemaHash: null,
        },
        options: { jobId: `${monitorId}:${region}:${base + i * 30_000}` },
      }),
    );
    await queues.producer(probeQueueName(region), probeJobSchema).addBulk(jobs);
    await waitFor(
      () => queues.depth('results'),
      (d) => d.waiting + d.delayed + d.active >= 20,
      20_000,
      'results queued',
    );
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    const [during] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(probeResults)
      .where(eq(probeResults.monitorId, monitorId!));
    expect(during?.n).toBe(0);

    await proxy.restore();
    const count = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(probeResults)
          .where(eq(probeResults.monitorId, monitorId!))
      )[0]?.n ?? 0;
    await waitFor(count, (n) => n === 20, 60_000, 'every result stored after Postgres returned');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await count()).toBe(20);
  }, 150_000);
});
