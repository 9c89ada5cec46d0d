import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createLogger } from '@mcpulse/config';
import { probeSpecOf } from '@mcpulse/core';
import {
  type Db,
  incidents,
  monitorRegionState,
  monitorState,
  monitors,
  organizations,
  probeResults,
  rollups,
} from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { type FixtureServer, startV2ModernOnly } from '@mcpulse/testkit';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Check,
  enqueueChecks,
  type Ingester,
  PROBE_HEARTBEAT,
  type Prober,
  probeJobSchema,
  probeQueueName,
  regionHeartbeats,
  startIngester,
  startProber,
} from '../src/index.js';

const logger = createLogger({ name: 'late-checks-test', level: process.env.DEBUG_LOG ? 'debug' : 'silent' });
const SECRET = randomBytes(32);
const INTERVAL_SECONDS = 30;

async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port nothing listens on: checks against it fail at once with connection_refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

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

describe.each(backends)('late checks and silent regions on the %s', (_name, makeBackend) => {
  let database: TestDatabase;
  let fixture: FixtureServer;
  const stops: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await startV2ModernOnly();
  }, 60_000);
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  async function newMonitor(
    db: Db,
    values: { url: string; regions: string[]; regionQuorum?: number; createdAt?: Date },
  ) {
    const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({ organizationId: org!.id, name: 'm', intervalSeconds: INTERVAL_SECONDS, ...values })
      .returning();
    return monitor!;
  }

  function run(queues: QueueBackend, region: string, outcomes: string[] = []): Prober {
    const prober = startProber({
      region,
      queues,
      secretKey: SECRET,
      concurrency: 5,
      allowPrivateTargets: true,
      probe: runProbe,
      logger,
      onChecked: (status) => outcomes.push(status),
    });
    stops.push(() => prober.stop());
    return prober;
  }

  function ingest(db: Db, queues: QueueBackend): Ingester {
    const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
    stops.push(() => ingester.stop());
    return ingester;
  }

  function open(): QueueBackend {
    const queues = makeBackend();
    stops.push(() => queues.close());
    return queues;
  }

  const rowsOf = (db: Db, monitorId: string) =>
    db
      .select()
      .from(probeResults)
      .where(eq(probeResults.monitorId, monitorId))
      .orderBy(asc(probeResults.slot));

  it('a worker back after more than an interval skips the checks it missed, stored with the reason, and probes the fresh one', async () => {
    const db = database.handle.db;
    const monitor = await newMonitor(db, { url: fixture.url, regions: ['eu'] });
    const queues = open();
    ingest(db, queues);
    const check = (atMs: number, intervalSeconds = INTERVAL_SECONDS): Check => ({
      monitorId: monitor.id,
      region: 'eu',
      atMs,
      spec: probeSpecOf(monitor),
      knownSchemaHash: null,
      intervalSeconds,
    });

    const before = Date.now();
    const worker = run(queues, 'eu');
    await enqueueChecks(queues, [check(before)], before);
    await waitFor(
      () => rowsOf(db, monitor.id),
      (rows) => rows.length === 1,
    );
    await worker.stop();

    // The worker was down for 100 s: the scheduler kept enqueueing, and its checks waited in the queue.
    const back = Date.now();
    const missed = [back - 100_000, back - 70_000, back - 40_000];
    await enqueueChecks(queues, [...missed.map((at) => check(at)), check(back)], back);
    // A job an older release enqueued carries no interval: it is probed however late.
    await queues.producer(probeQueueName('eu'), probeJobSchema).add({
      ...probeSpecOf(monitor),
      monitorId: monitor.id,
      region: 'eu',
      slot: new Date(back - 90_000).toISOString(),
      knownSchemaHash: null,
    });
    const outcomes: string[] = [];
    run(queues, 'eu', outcomes);

    const rows = await waitFor(
      () => rowsOf(db, monitor.id),
      (found) => found.length === 6,
    );
    const bySlot = new Map(rows.map((row) => [row.slot.getTime(), row]));
    for (const slot of missed) {
      const row = bySlot.get(slot);
      expect(row).toMatchObject({ status: 'skipped', errorCode: null, totalMs: 0, httpAlive: false });
      const lateSeconds = Number(/^picked up (\d+) s after its slot/.exec(row?.errorMessage ?? '')?.[1]);
      expect(lateSeconds).toBeGreaterThanOrEqual(Math.floor((back - slot) / 1000));
      expect(row?.errorMessage).toMatch(
        /^picked up \d+ s after its slot, more than the 30 s interval: the region's worker was down or behind$/,
      );
      expect(row!.checkedAt.getTime()).toBeGreaterThanOrEqual(back);
    }
    expect(bySlot.get(back)).toMatchObject({ status: 'up', errorMessage: null });
    expect(bySlot.get(back - 90_000)).toMatchObject({ status: 'up' });
    expect(rows.filter((row) => row.status === 'up')).toHaveLength(3);
    // What the worker's metrics count: each check it took once, by outcome.
    await waitFor(
      () => Promise.resolve(outcomes.length),
      (count) => count === 5,
    );
    expect(outcomes.sort()).toEqual(['skipped', 'skipped', 'skipped', 'up', 'up']);

    // Only the three probed checks count; the state machine saw none of the skipped slots.
    const minutes = await db
      .select()
      .from(rollups)
      .where(and(eq(rollups.monitorId, monitor.id), eq(rollups.granularity, 'day')));
    expect(minutes.reduce((sum, row) => sum + row.checks, 0)).toBe(3);
    const [region] = await db
      .select()
      .from(monitorRegionState)
      .where(eq(monitorRegionState.monitorId, monitor.id));
    expect(region?.lastSlot?.getTime()).toBe(back);
    const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitor.id));
    const probedAt = rows.filter((row) => row.status !== 'skipped').map((row) => row.checkedAt.getTime());
    expect(state?.lastCheckedAt?.getTime()).toBe(Math.max(...probedAt));
  }, 60_000);

  it('a silent region neither blocks a confirmed outage nor counts toward quorum, and its late checks change nothing', async () => {
    const db = database.handle.db;
    const port = await closedPort();
    // Watched for ten minutes, in which region "ap" never reported: it is silent.
    const monitor = await newMonitor(db, {
      url: `http://127.0.0.1:${port}/mcp`,
      regions: ['eu', 'ap'],
      regionQuorum: 2,
      createdAt: new Date(Date.now() - 10 * 60_000),
    });
    const queues = open();
    ingest(db, queues);
    run(queues, 'eu');
    const check = (region: string, atMs: number): Check => ({
      monitorId: monitor.id,
      region,
      atMs,
      spec: probeSpecOf(monitor),
      knownSchemaHash: null,
      intervalSeconds: INTERVAL_SECONDS,
    });
    const now = Date.now();
    await enqueueChecks(queues, [check('eu', now - 2_000), check('eu', now - 1_000)], now);

    const status = async () =>
      (await db.select().from(monitorState).where(eq(monitorState.monitorId, monitor.id)))[0]?.status;
    await waitFor(status, (value) => value === 'down');
    const [incident] = await db.select().from(incidents).where(eq(incidents.monitorId, monitor.id));
    expect(incident).toMatchObject({ kind: 'down', errorCode: 'connection_refused', regions: ['eu'] });

    // The silent region's worker comes back with a check it should have run 100 s ago: skipped, not counted.
    run(queues, 'ap');
    await enqueueChecks(queues, [check('ap', Date.now() - 100_000)], Date.now());
    const rows = await waitFor(
      () => rowsOf(db, monitor.id),
      (found) => found.some((row) => row.region === 'ap'),
    );
    expect(rows.find((row) => row.region === 'ap')).toMatchObject({ status: 'skipped' });
    expect(await status()).toBe('down');
    const regions = await db
      .select()
      .from(monitorRegionState)
      .where(eq(monitorRegionState.monitorId, monitor.id));
    expect(regions.find((row) => row.region === 'ap')).toMatchObject({
      lastSlot: null,
      consecutiveFailures: 0,
    });
  }, 60_000);

  it('each probe worker beats under its region, and a region whose workers stopped turns silent', async () => {
    const queues = open();
    const before = new Date();
    expect(await regionHeartbeats(queues, ['eu', 'us'], before)).toEqual([
      { region: 'eu', lastHeartbeatAt: null, silent: true },
      { region: 'us', lastHeartbeatAt: null, silent: true },
    ]);
    const worker = run(queues, 'eu');
    const [eu] = await waitFor(
      () => regionHeartbeats(queues, ['eu'], new Date()),
      ([heard]) => heard?.lastHeartbeatAt !== null,
    );
    expect(eu).toMatchObject({ region: 'eu', silent: false });
    expect(eu!.lastHeartbeatAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    await worker.stop();

    const [last] = await regionHeartbeats(queues, ['eu'], new Date());
    await new Promise((resolve) => setTimeout(resolve, PROBE_HEARTBEAT.everyMs + 500));
    const later = new Date(last!.lastHeartbeatAt!.getTime() + PROBE_HEARTBEAT.silentAfterMs + 1);
    expect(await regionHeartbeats(queues, ['eu'], later)).toEqual([
      { region: 'eu', lastHeartbeatAt: last!.lastHeartbeatAt, silent: true },
    ]);
  }, 30_000);
});
