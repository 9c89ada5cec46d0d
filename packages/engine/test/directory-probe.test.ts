import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { directoryEndpoints, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { type RecordingMcpServer, startRecordingMcpServer } from '@mcpulse/testkit';
import { asc, eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checksAtOnce,
  directoryAboutUrl,
  directoryProbeQueueName,
  enqueueChecks,
  type HostGate,
  ingestBatch,
  memoryHostGate,
  memoryScheduleMark,
  type Prober,
  probeJobSchema,
  probeQueueName,
  redisHostGate,
  soleLeadership,
  startIngester,
  startProber,
  startScheduler,
} from '../src/index.js';
import { resultJob } from './support/webhook-fixtures.js';

const logger = createLogger({
  name: 'directory-probe-test',
  level: process.env.DEBUG_LOG ? 'debug' : 'silent',
});
const REDIS_URL = process.env.MCPULSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ABOUT = directoryAboutUrl('https://mcpulse.example.com/');

async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Backend {
  queues: QueueBackend;
  /** A gate the region's workers share (a new handle on the same store each call). */
  gate(spacingMs: number): HostGate;
  close(): Promise<void>;
}

const backends: Array<[string, () => Backend]> = [
  [
    'in-process queue and gate',
    () => {
      const queues = createMemoryBackend({ logger });
      let shared: HostGate | null = null;
      return {
        queues,
        gate: (spacingMs) => (shared ??= memoryHostGate(spacingMs)),
        close: () => queues.close(),
      };
    },
  ],
  [
    'BullMQ and the Redis gate',
    () => {
      const prefix = `mcpulse-test-${randomBytes(4).toString('hex')}`;
      const queues = createBullmqBackend({ redisUrl: REDIS_URL, prefix, logger });
      const clients: Redis[] = [];
      return {
        queues,
        gate: (spacingMs) => {
          const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
          clients.push(redis);
          return redisHostGate(redis, `${prefix}:directory-host:local:`, spacingMs);
        },
        close: async () => {
          await queues.close();
          for (const client of clients) client.disconnect();
        },
      };
    },
  ],
];

describe.each(backends)('directory checks on the %s', (_name, makeBackend) => {
  let database: TestDatabase;
  let userServer: RecordingMcpServer;
  let directoryServer: RecordingMcpServer;
  let userOrg: string;
  let backend: Backend;
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const [org] = await database.handle.db.insert(organizations).values({ name: 'user' }).returning();
    userOrg = org!.id;
  }, 60_000);
  afterAll(async () => database?.drop());
  beforeAll(async () => {
    userServer = await startRecordingMcpServer();
    directoryServer = await startRecordingMcpServer({ delayMs: 150 });
  });
  afterAll(async () => {
    await userServer?.close();
    await directoryServer?.close();
  });
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) await item.stop();
    await backend?.close();
    await database.handle.db.delete(monitors);
  });

  const insertMonitor = async (organizationId: string, url: string) => {
    const [row] = await database.handle.db
      .insert(monitors)
      .values({ organizationId, name: url, url, regions: ['local'], intervalSeconds: 300 })
      .returning();
    return row!;
  };

  const startWorker = (options: { allowedCidrs?: string[]; gate: HostGate }): Prober => {
    const prober = startProber({
      region: 'local',
      queues: backend.queues,
      secretKey: randomBytes(32),
      concurrency: 4,
      // The users of this instance may reach private targets: the directory still may not.
      allowPrivateTargets: true,
      allowedTargetCidrs: options.allowedCidrs ?? [],
      probe: runProbe,
      logger,
      directory: { concurrency: 4, gate: options.gate, aboutUrl: ABOUT },
    });
    running.push(prober);
    return prober;
  };

  const startPipeline = () => {
    const db = database.handle.db;
    running.push(startIngester({ db, queues: backend.queues, logger, maxWaitMs: 50, recheckDelayMs: null }));
    running.push(
      startScheduler({
        db,
        queues: backend.queues,
        leadership: soleLeadership(),
        mark: memoryScheduleMark(),
        logger,
        tickMs: 100,
        lookaheadMs: 0,
      }),
    );
  };

  const resultsOf = (monitorIds: string[]) =>
    database.handle.db
      .select()
      .from(probeResults)
      .where(inArray(probeResults.monitorId, monitorIds))
      .orderBy(asc(probeResults.checkedAt));

  it('refuses loopback for directory monitors before any connection, where users may reach it', async () => {
    backend = makeBackend();
    const user = await insertMonitor(userOrg, userServer.url);
    const listed = await insertMonitor(DIRECTORY_ORGANIZATION_ID, directoryServer.url);
    const before = directoryServer.record().checks;
    startWorker({ gate: backend.gate(0) });
    startPipeline();
    const now = Date.now();
    await enqueueChecks(
      backend.queues,
      [...checksAtOnce(user, null, now), ...checksAtOnce(listed, null, now)],
      now,
    );

    const rows = await waitFor(
      () => resultsOf([user.id, listed.id]),
      (found) => found.length >= 2,
      20_000,
    );
    const byMonitor = new Map(rows.map((row) => [row.monitorId, row]));
    expect(byMonitor.get(user.id)).toMatchObject({ status: 'up', errorCode: null });
    expect(byMonitor.get(listed.id)).toMatchObject({
      status: 'down',
      errorCode: 'blocked_address',
      errorPhase: 'connect',
      httpAlive: false,
    });
    expect(directoryServer.record().checks).toBe(before);
    // A user's check names itself as the ordinary probe.
    expect(userServer.record().userAgents.at(-1)).toBe('mcpulse-probe/0.1.0');
  });

  it('probes a directory endpoint that MCPULSE_ALLOWED_TARGET_CIDRS opens, naming the directory probe and its page', async () => {
    backend = makeBackend();
    const listed = await insertMonitor(DIRECTORY_ORGANIZATION_ID, directoryServer.url);
    const before = directoryServer.record().checks;
    startWorker({ gate: backend.gate(0), allowedCidrs: ['127.0.0.0/8'] });
    startPipeline();
    await enqueueChecks(backend.queues, checksAtOnce(listed, null, Date.now()), Date.now());

    const [row] = await waitFor(
      () => resultsOf([listed.id]),
      (found) => found.length >= 1,
      20_000,
    );
    expect(row).toMatchObject({ status: 'up', toolCount: 1 });
    const record = directoryServer.record();
    expect(record.checks).toBe(before + 1);
    expect(record.userAgents.at(-1)).toBe(
      'mcpulse-directory-probe/0.1.0 (+https://mcpulse.example.com/directory/about)',
    );
    expect(record.clientInfos.at(-1)).toEqual({
      name: 'mcpulse',
      title: 'mcpulse directory probe',
      version: '0.1.0',
      websiteUrl: 'https://mcpulse.example.com/directory/about',
    });
  });

  it('checks one host once at a time with a rest between checks, across two workers, and keeps every check', async () => {
    backend = makeBackend();
    const spacingMs = 400;
    // A server of its own: the rest is counted between any two checks it ever saw.
    const host = await startRecordingMcpServer({ delayMs: 150 });
    running.push({ stop: () => host.close() });
    const listed: Array<typeof monitors.$inferSelect> = [];
    for (let i = 0; i < 6; i++)
      listed.push(await insertMonitor(DIRECTORY_ORGANIZATION_ID, `${host.url}?endpoint=${i}`));
    const workers = [
      startWorker({ gate: backend.gate(spacingMs), allowedCidrs: ['127.0.0.0/8'] }),
      startWorker({ gate: backend.gate(spacingMs), allowedCidrs: ['127.0.0.0/8'] }),
    ];
    running.push(
      startIngester({
        db: database.handle.db,
        queues: backend.queues,
        logger,
        maxWaitMs: 50,
        recheckDelayMs: null,
      }),
    );
    // Every check of the host due at once: the worst case the scheduler's spreading avoids.
    const now = Date.now();
    await enqueueChecks(
      backend.queues,
      listed.flatMap((monitor) => checksAtOnce(monitor, null, now)),
      now,
    );

    const rows = await waitFor(
      () => resultsOf(listed.map((monitor) => monitor.id)),
      (found) => found.length >= 6,
      30_000,
    );
    expect(rows.map((row) => row.status)).toEqual(Array(6).fill('up'));
    const record = host.record();
    expect(record.checks).toBe(6);
    expect(record.maxConcurrent).toBe(1);
    // The server's own clock: from the answer that ended one check to the request that began the next.
    expect(record.leastGapMs).toBeGreaterThanOrEqual(spacingMs);
    const deferred = workers.reduce((sum, worker) => sum + (worker.directory()?.deferred ?? 0), 0);
    expect(deferred).toBeGreaterThan(0);
  }, 60_000);

  it("schedules directory monitors on the directory queue, a host's checks spread across the interval", async () => {
    backend = makeBackend();
    const consumed: Array<{ queue: string; monitorId: string; directory: boolean; slot: number }> = [];
    for (const queue of [probeQueueName('local'), directoryProbeQueueName('local')]) {
      const consumer = backend.queues.consume(
        queue,
        probeJobSchema,
        async (job) =>
          void consumed.push({
            queue,
            monitorId: job.data.monitorId,
            directory: job.data.directory === true,
            slot: Date.parse(job.data.slot),
          }),
        { concurrency: 10 },
      );
      running.push({ stop: () => consumer.close() });
    }
    const user = await insertMonitor(userOrg, userServer.url);
    const listed: Array<typeof monitors.$inferSelect> = [];
    for (let i = 0; i < 4; i++)
      listed.push(await insertMonitor(DIRECTORY_ORGANIZATION_ID, `https://Shared.Example.com/mcp/${i}`));
    // Time runs 300-fold: a 5-minute interval passes every second.
    const started = Date.now();
    const fast = () => started + (Date.now() - started) * 300;
    running.push(
      startScheduler({
        db: database.handle.db,
        queues: backend.queues,
        leadership: soleLeadership(),
        mark: memoryScheduleMark(),
        logger,
        now: fast,
        tickMs: 20,
        lookaheadMs: 0,
      }),
    );
    await waitFor(
      async () => consumed.filter((job) => job.directory).length,
      (count) => count >= 4,
      15_000,
    );
    const userJobs = consumed.filter((job) => job.monitorId === user.id);
    expect(userJobs.every((job) => job.queue === probeQueueName('local') && !job.directory)).toBe(true);
    const directoryJobs = consumed.filter((job) => job.monitorId !== user.id);
    expect(
      directoryJobs.every((job) => job.queue === directoryProbeQueueName('local') && job.directory),
    ).toBe(true);
    // One slot of each, a quarter of the interval apart, in a ring.
    const firstSlots = listed.map(
      (monitor) => directoryJobs.find((job) => job.monitorId === monitor.id)!.slot % 300_000,
    );
    const sorted = [...firstSlots].sort((a, b) => a - b);
    const steps = sorted.map(
      (slot, i) => (i + 1 < sorted.length ? sorted[i + 1]! : sorted[0]! + 300_000) - slot,
    );
    expect(steps).toEqual([75_000, 75_000, 75_000, 75_000]);
  });

  it('sends the re-checks of a directory monitor to the directory queue', async () => {
    backend = makeBackend();
    const listed = await insertMonitor(DIRECTORY_ORGANIZATION_ID, 'https://mcp.example.net/mcp');
    const at = Date.now() + 60_000;
    await enqueueChecks(backend.queues, checksAtOnce(listed, null, at), Date.now());
    expect((await backend.queues.depth(directoryProbeQueueName('local'))).delayed).toBe(1);
    expect((await backend.queues.depth(probeQueueName('local'))).delayed).toBe(0);
    await database.handle.db.delete(monitors).where(eq(monitors.id, listed.id));
  });
});

describe('ingest of a directory monitor', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 60_000);
  afterAll(async () => database?.drop());

  it("asks for its re-checks on the directory queue with its registry's fixed headers, and a user monitor's on the users' queue", async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'user' }).returning();
    const ids: Record<string, string> = {};
    for (const [name, organizationId] of [
      ['directory', DIRECTORY_ORGANIZATION_ID],
      ['user', org!.id],
    ] as const) {
      const [row] = await db
        .insert(monitors)
        .values({
          organizationId,
          name,
          url: `https://${name}.example.com/mcp`,
          regions: ['eu-west', 'us-east'],
        })
        .returning();
      ids[name] = row!.id;
    }
    await db.insert(directoryEndpoints).values({
      url: 'https://directory.example.com/mcp',
      host: 'directory.example.com',
      transport: 'streamable-http',
      headers: { 'X-Client': 'mcpulse' },
      monitorId: ids.directory!,
    });
    const t0 = Date.parse('2026-11-26T10:00:00Z');
    const now = new Date(t0 + 3_600_000);
    const settings = { recheckDelayMs: 10_000 };
    const jobs = (status: 'up' | 'down', minute: number, regions: string[]) =>
      Object.values(ids).flatMap((id) => regions.map((region) => resultJob(id, region, minute, status, t0)));
    await ingestBatch(
      db,
      [...jobs('up', 0, ['eu-west', 'us-east']), ...jobs('up', 1, ['eu-west', 'us-east'])],
      now,
      settings,
    );
    const failed = await ingestBatch(db, jobs('down', 2, ['eu-west']), now, settings);
    const byMonitor = (id: string) => failed.checks.filter((check) => check.monitorId === id);
    const fixed = { 'X-Client': 'mcpulse' };
    expect(
      byMonitor(ids.directory!).map((check) => [check.region, check.directory, check.publicHeaders]),
    ).toEqual([
      ['eu-west', true, fixed],
      ['us-east', true, fixed],
    ]);
    expect(
      byMonitor(ids.user!).map((check) => [check.region, check.directory ?? false, check.publicHeaders]),
    ).toEqual([
      ['eu-west', false, undefined],
      ['us-east', false, undefined],
    ]);
    const queues = createMemoryBackend({ logger });
    try {
      await enqueueChecks(queues, failed.checks, now.getTime());
      const depth = async (queue: string) => {
        const d = await queues.depth(queue);
        return d.waiting + d.delayed;
      };
      expect(await depth(directoryProbeQueueName('eu-west'))).toBe(1);
      expect(await depth(directoryProbeQueueName('us-east'))).toBe(1);
      expect(await depth(probeQueueName('eu-west'))).toBe(1);
      expect(await depth(probeQueueName('us-east'))).toBe(1);
    } finally {
      await queues.close();
    }
  });
});
