import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { type Db, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import {
  type Ingester,
  PROBE_HEARTBEAT,
  type ProbeJob,
  probeJobSchema,
  probeQueueName,
  regionHeartbeats,
  startIngester,
} from '@mcpulse/engine';
import { createBullmqBackend, type QueueBackend } from '@mcpulse/queue';
import { type FixtureServer, type RawServer, startV2ModernOnly } from '@mcpulse/testkit';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlowProxy } from './support/slow-proxy.js';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const logger = createLogger({ name: 'faults-test', level: 'silent' });
const SECRET = randomBytes(32);
const REGION = 'fault-region';

let database: TestDatabase;
let fixture: FixtureServer;
let slow: RawServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await startV2ModernOnly();
  slow = await startSlowProxy(fixture.url, 1_500);
}, 60_000);
afterAll(async () => {
  await slow?.close();
  await fixture?.close();
  await database?.drop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function newMonitor(db: Db, url: string): Promise<string> {
  const [org] = await db.insert(organizations).values({ name: 'faults' }).returning();
  const [monitor] = await db
    .insert(monitors)
    .values({ organizationId: org!.id, name: 'slow', url, regions: [REGION], intervalSeconds: 60 })
    .returning();
  return monitor!.id;
}

function probeJobs(
  monitorId: string,
  url: string,
  count: number,
): Array<{ data: ProbeJob; options: { jobId: string } }> {
  const base = Date.parse('2026-11-26T00:00:00Z') + Math.floor(Math.random() * 1e9) * 1_000;
  return Array.from({ length: count }, (_, i) => {
    const slot = base + i * 60_000;
    return {
      data: {
        monitorId,
        region: REGION,
        slot: new Date(slot).toISOString(),
        url,
        transport: 'auto' as const,
        timeoutMs: 10_000,
        degradedThresholdMs: 5_000,
        headersSealed: null,
        canary: null,
        oauthSealed: null,
        oauthConnectionSealed: null,
        knownSchemaHash: null,
      },
      options: { jobId: `${monitorId}:${REGION}:${slot}` },
    };
  });
}

/** A check as the scheduler enqueues it: due at `slotMs`, carrying the monitor's 60 s interval. */
function check(
  monitorId: string,
  url: string,
  slotMs: number,
): { data: ProbeJob; options: { jobId: string } } {
  return {
    data: {
      monitorId,
      region: REGION,
      slot: new Date(slotMs).toISOString(),
      url,
      transport: 'auto',
      timeoutMs: 10_000,
      degradedThresholdMs: 5_000,
      headersSealed: null,
      canary: null,
      oauthSealed: null,
      oauthConnectionSealed: null,
      knownSchemaHash: null,
      intervalSeconds: 60,
    },
    options: { jobId: `${monitorId}:${REGION}:${slotMs}` },
  };
}

function workerEnv(redisUrl: string, prefix: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    MCPULSE_QUEUE_PREFIX: prefix,
    MCPULSE_SECRET_KEY: SECRET.toString('hex'),
    MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
    MCPULSE_PROBE_CONCURRENCY: '5',
    MCPULSE_PROBE_LOCK_MS: '2000',
    MCPULSE_HEALTH_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    MCPULSE_DRAIN_TIMEOUT_MS: '10000',
  };
}

async function resultCounts(db: Db, monitorId: string): Promise<{ slots: number; rows: number }> {
  const [row] = await db
    .select({
      rows: sql<number>`count(*)::int`,
      slots: sql<number>`count(distinct ${probeResults.slot})::int`,
    })
    .from(probeResults)
    .where(eq(probeResults.monitorId, monitorId));
  return { slots: row?.slots ?? 0, rows: row?.rows ?? 0 };
}

function setUp(redisUrl: string, db: Db): { prefix: string; queues: QueueBackend; ingester: Ingester } {
  const prefix = `mcpulse-faults-${randomBytes(4).toString('hex')}`;
  const queues = createBullmqBackend({ redisUrl, prefix, logger });
  const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
  cleanups.push(
    () => queues.close(),
    () => ingester.stop(),
  );
  return { prefix, queues, ingester };
}

function track(worker: WorkerProcess): WorkerProcess {
  cleanups.push(async () => {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  });
  return worker;
}

describe('faults (real Redis, real Postgres, real worker processes)', () => {
  it('kill -9 of a worker mid-check: its checks run again elsewhere and every slot has exactly one result', async () => {
    const db = database.handle.db;
    const monitorId = await newMonitor(db, `${slow.url}/mcp`);
    const { prefix, queues } = setUp('redis://127.0.0.1:6379', db);
    await queues
      .producer(probeQueueName(REGION), probeJobSchema)
      .addBulk(probeJobs(monitorId, `${slow.url}/mcp`, 12));

    const doomed = track(
      spawnWorker(['probe', '--region', REGION], workerEnv('redis://127.0.0.1:6379', prefix)),
    );
    await waitFor(
      () => queues.depth(probeQueueName(REGION)),
      (depth) => depth.active >= 3,
      20_000,
      'checks in flight',
    );
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');

    track(spawnWorker(['probe', '--region', REGION], workerEnv('redis://127.0.0.1:6379', prefix)));
    const counts = await waitFor(
      () => resultCounts(db, monitorId),
      (c) => c.slots === 12,
      60_000,
      'every slot stored',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await resultCounts(db, monitorId)).toEqual({ slots: 12, rows: 12 });
    expect(counts.rows).toBe(12);
  }, 120_000);

  it('kill -9 of a region worker: its region turns silent, and once back it skips the checks it missed by more than an interval and probes the fresh one', async () => {
    const db = database.handle.db;
    const url = `${fixture.url}`;
    const monitorId = await newMonitor(db, url);
    const { prefix, queues } = setUp('redis://127.0.0.1:6379', db);
    const probes = queues.producer(probeQueueName(REGION), probeJobSchema);
    const rows = () =>
      db
        .select()
        .from(probeResults)
        .where(eq(probeResults.monitorId, monitorId))
        .orderBy(asc(probeResults.slot));

    const first = track(
      spawnWorker(['probe', '--region', REGION], workerEnv('redis://127.0.0.1:6379', prefix)),
    );
    const startedAt = Date.now();
    await probes.addBulk([check(monitorId, url, startedAt)]);
    await waitFor(rows, (found) => found.length === 1, 30_000, 'the first check stored');
    const [heard] = await regionHeartbeats(queues, [REGION], new Date());
    expect(heard).toMatchObject({ region: REGION, silent: false });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // Its last beat ages: past the silence threshold the region reads as silent (the API's /regions and /readyz).
    const [last] = await regionHeartbeats(queues, [REGION], new Date());
    const afterwards = new Date(last!.lastHeartbeatAt!.getTime() + PROBE_HEARTBEAT.silentAfterMs + 1);
    expect(await regionHeartbeats(queues, [REGION], afterwards)).toEqual([
      { region: REGION, lastHeartbeatAt: last!.lastHeartbeatAt, silent: true },
    ]);

    // What 150 s without a worker leaves in the queue: the checks of every slot it missed, still waiting.
    const back = Date.now();
    const missed = [back - 150_000, back - 120_000, back - 90_000, back - 61_000];
    await probes.addBulk([...missed.map((slot) => check(monitorId, url, slot)), check(monitorId, url, back)]);
    const secondEnv = workerEnv('redis://127.0.0.1:6379', prefix);
    const second = track(spawnWorker(['probe', '--region', REGION], secondEnv));
    const stored = await waitFor(
      rows,
      (found) => found.length === 6,
      30_000,
      'every check stored or skipped',
    );

    const bySlot = new Map(stored.map((row) => [row.slot.getTime(), row]));
    for (const slot of missed) {
      expect(bySlot.get(slot)).toMatchObject({ status: 'skipped', errorCode: null, totalMs: 0 });
      const reason = bySlot.get(slot)!.errorMessage ?? '';
      expect(reason).toMatch(
        /^picked up \d+ s after its slot, more than the 60 s interval: the region's worker was down or behind$/,
      );
      expect(Number(/(\d+) s after/.exec(reason)?.[1])).toBeGreaterThanOrEqual(
        Math.floor((back - slot) / 1000),
      );
    }
    expect(bySlot.get(back)).toMatchObject({ status: 'up', errorMessage: null });
    expect(second.output()).toContain('skipped checks picked up more than an interval after their slot');
    // Until there is a metrics endpoint, the worker's health answer carries the figures.
    const health = await fetch(`http://127.0.0.1:${secondEnv.MCPULSE_HEALTH_PORT}/healthz`);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      role: 'probe',
      region: REGION,
      inFlight: 0,
      skippedChecks: 4,
      lastHeartbeatAt: expect.any(String),
    });
    const [again] = await regionHeartbeats(queues, [REGION], new Date());
    expect(again?.silent).toBe(false);
    expect(again!.lastHeartbeatAt!.getTime()).toBeGreaterThan(last!.lastHeartbeatAt!.getTime());
  }, 90_000);

  it('SIGTERM to a worker with checks in flight: they finish, are stored, and it exits 0', async () => {
    const db = database.handle.db;
    const monitorId = await newMonitor(db, `${slow.url}/mcp`);
    const { prefix, queues } = setUp('redis://127.0.0.1:6379', db);
    await queues
      .producer(probeQueueName(REGION), probeJobSchema)
      .addBulk(probeJobs(monitorId, `${slow.url}/mcp`, 4));
    const worker = track(
      spawnWorker(['probe', '--region', REGION], workerEnv('redis://127.0.0.1:6379', prefix)),
    );
    await waitFor(
      () => queues.depth(probeQueueName(REGION)),
      (depth) => depth.active === 4,
      20_000,
      'checks in flight',
    );
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const counts = await waitFor(
      () => resultCounts(db, monitorId),
      (c) => c.rows === 4,
      10_000,
      'results stored',
    );
    expect(counts).toEqual({ slots: 4, rows: 4 });
  }, 60_000);
});
