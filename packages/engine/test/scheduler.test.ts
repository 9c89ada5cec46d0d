import { createLogger } from '@mcpulse/config';
import { monitorState, monitors, organizations } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend, type Job } from '@mcpulse/queue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Leadership,
  memoryScheduleMark,
  type ProbeJob,
  probeJobSchema,
  probeQueueName,
  soleLeadership,
  startScheduler,
} from '../src/index.js';

const logger = createLogger({ name: 'scheduler-test', level: 'silent' });
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

describe('scheduler', () => {
  it('enqueues each region once per interval, staggered, and follows monitor changes within 5 s', async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'sched' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({
        organizationId: org!.id,
        name: 'm',
        url: 'https://mcp.example.com/mcp',
        regions: ['a', 'b', 'c'],
        intervalSeconds: 60,
      })
      .returning();
    const queues = createMemoryBackend({ logger });
    const seen: Array<Job<ProbeJob>> = [];
    const consumers = ['a', 'b', 'c', 'd'].map((region) =>
      queues.consume(probeQueueName(region), probeJobSchema, async (job) => void seen.push(job), {
        concurrency: 10,
      }),
    );
    // Time runs 60-fold: each real second is a scheduled minute.
    const started = Date.now();
    const fast = () => started + (Date.now() - started) * 60;
    const scheduler = startScheduler({
      db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      logger,
      now: fast,
      tickMs: 50,
      lookaheadMs: 0,
      refreshMs: 60_000,
    });
    try {
      await waitFor(() => seen.length >= 9, 10_000);
      const slots = seen
        .slice(0, 9)
        .map((job) => ({ region: job.data.region, t: Date.parse(job.data.slot) }));
      for (const region of ['a', 'b', 'c']) {
        const times = slots.filter((s) => s.region === region).map((s) => s.t);
        expect(times.length).toBeGreaterThanOrEqual(2);
        expect(times[1]! - times[0]!).toBe(60_000);
      }
      const offsets = ['a', 'b', 'c']
        .map((region) => slots.find((s) => s.region === region)!.t % 60_000)
        .sort((x, y) => x - y);
      expect([offsets[1]! - offsets[0]!, offsets[2]! - offsets[1]!]).toEqual([20_000, 20_000]);
      expect(new Set(seen.map((job) => job.id)).size).toBe(seen.length);

      // A change is picked up on the next refresh (2 s by default; the test forces a long one and signals instead).
      await db
        .update(monitors)
        .set({ regions: ['d'] })
        .where(eq(monitors.id, monitor!.id));
      scheduler.refresh();
      const before = seen.length;
      await waitFor(() => seen.slice(before).some((job) => job.data.region === 'd'), 5_000);

      await db.update(monitors).set({ paused: true }).where(eq(monitors.id, monitor!.id));
      scheduler.refresh();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const afterPause = seen.length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(seen.length).toBe(afterPause);
    } finally {
      await scheduler.stop();
      for (const consumer of consumers) await consumer.close();
      await queues.close();
    }
  }, 30_000);

  it('hands over without losing a slot: a new leader replays what fell due while nobody led', async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'failover' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({
        organizationId: org!.id,
        name: 'f',
        url: 'https://f.example/mcp',
        regions: ['x', 'y'],
        intervalSeconds: 30,
      })
      .returning();
    const queues = createMemoryBackend({ logger });
    const seen: number[] = [];
    const consumers = ['x', 'y'].map((region) =>
      queues.consume(
        probeQueueName(region),
        probeJobSchema,
        async (job) => {
          if (job.data.monitorId === monitor!.id) seen.push(Date.parse(job.data.slot));
        },
        { concurrency: 10 },
      ),
    );
    // Time runs 20-fold; both schedulers share the mark, as two processes share Redis. Not faster:
    // a slot is replayed only while it is younger than an interval (30 s, here 1.5 s of real time),
    // so on a busy machine a faster clock would age the gap's slots out before the new leader ticks.
    const started = Date.now();
    const fast = () => started + (Date.now() - started) * 20;
    const mark = memoryScheduleMark();
    let leader: 'a' | 'b' | null = 'a';
    const leadership = (name: 'a' | 'b'): Leadership => ({
      isLeader: () => leader === name,
      stop: async () => {},
    });
    const common = { db, queues, mark, logger, now: fast, tickMs: 20, lookaheadMs: 0, refreshMs: 60_000 };
    const a = startScheduler({ ...common, leadership: leadership('a') });
    const b = startScheduler({ ...common, leadership: leadership('b') });
    try {
      await waitFor(() => seen.length >= 4, 10_000);
      // The leader dies without a hand-over; nobody leads for 20 simulated seconds.
      leader = null;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const gapEnds = fast();
      leader = 'b';
      await waitFor(() => seen.some((slot) => slot > gapEnds + 60_000), 10_000);
      const sorted = [...new Set(seen)].sort((p, q) => p - q);
      const gaps = sorted.slice(1).map((slot, index) => slot - sorted[index]!);
      // Two regions staggered by 15 s: every gap between consecutive checks is 15 s, none missing.
      expect(new Set(gaps)).toEqual(new Set([15_000]));
    } finally {
      await a.stop();
      await b.stop();
      for (const consumer of consumers) await consumer.close();
      await queues.close();
    }
  }, 30_000);

  it("replays no slot older than its monitor's interval after a long leaderless time", async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'long-gap' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({
        organizationId: org!.id,
        name: 'g',
        url: 'https://g.example/mcp',
        regions: ['z'],
        intervalSeconds: 30,
      })
      .returning();
    const queues = createMemoryBackend({ logger });
    const seen: number[] = [];
    const consumer = queues.consume(
      probeQueueName('z'),
      probeJobSchema,
      async (job) => {
        if (job.data.monitorId === monitor!.id) seen.push(Date.parse(job.data.slot));
      },
      { concurrency: 10 },
    );
    const mark = memoryScheduleMark();
    const now = Date.now();
    // The last leader enqueued up to ten minutes ago.
    await mark.write(now - 600_000);
    const scheduler = startScheduler({
      db,
      queues,
      mark,
      logger,
      leadership: soleLeadership(),
      lookaheadMs: 0,
    });
    try {
      await waitFor(() => seen.length >= 1, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(Math.min(...seen)).toBeGreaterThan(now - 30_000);
      expect(seen.length).toBe(1);
    } finally {
      await scheduler.stop();
      await consumer.close();
      await queues.close();
    }
  }, 15_000);

  it('picks changes up on its own within the refresh interval', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const scheduler = startScheduler({
      db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      logger,
      tickMs: 100,
    });
    try {
      const [org] = await db.insert(organizations).values({ name: 'refresh' }).returning();
      const initial = scheduler.stats().monitors;
      await db
        .insert(monitors)
        .values({ organizationId: org!.id, name: 'n', url: 'https://x.example/mcp', regions: ['a'] });
      const took = await waitFor(() => scheduler.stats().monitors === initial + 1, 5_000);
      expect(took).toBeLessThan(5_000);
    } finally {
      await scheduler.stop();
      await queues.close();
    }
  }, 15_000);

  it('reads every monitor only when something it schedules by has changed', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    const [org] = await db.insert(organizations).values({ name: 'fingerprint' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({ organizationId: org!.id, name: 'f', url: 'https://f.example/mcp', regions: ['a'] })
      .returning();
    const scheduler = startScheduler({
      db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      logger,
      tickMs: 50,
      refreshMs: 50,
      fullReloadMs: 3_600_000,
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
    try {
      await waitFor(() => scheduler.stats().reloads >= 1, 3_000);
      await settle();
      const quiet = scheduler.stats().reloads;
      await settle();
      expect(scheduler.stats().reloads).toBe(quiet);

      const changes = [
        () =>
          db
            .update(monitors)
            .set({ timeoutMs: 5_000, updatedAt: new Date() })
            .where(eq(monitors.id, monitor!.id)),
        () =>
          db
            .update(monitors)
            .set({ paused: true, updatedAt: new Date() })
            .where(eq(monitors.id, monitor!.id)),
        () =>
          db
            .update(monitors)
            .set({ paused: false, updatedAt: new Date() })
            .where(eq(monitors.id, monitor!.id)),
        () =>
          db
            .insert(monitorState)
            .values({ monitorId: monitor!.id, schemaHash: 'b'.repeat(64) })
            .onConflictDoUpdate({ target: monitorState.monitorId, set: { schemaHash: 'b'.repeat(64) } }),
        () => db.delete(monitors).where(eq(monitors.id, monitor!.id)),
      ];
      for (const change of changes) {
        const before = scheduler.stats().reloads;
        await change();
        await waitFor(() => scheduler.stats().reloads > before, 3_000);
        await settle();
      }
    } finally {
      await scheduler.stop();
      await queues.close();
    }
  }, 30_000);

  it('enqueues nothing while it is not the leader', async () => {
    const db = database.handle.db;
    const queues = createMemoryBackend({ logger });
    let leader = false;
    const leadership: Leadership = { isLeader: () => leader, stop: async () => {} };
    const scheduler = startScheduler({
      db,
      queues,
      leadership,
      mark: memoryScheduleMark(),
      logger,
      tickMs: 50,
      lookaheadMs: 120_000,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(scheduler.stats().enqueued).toBe(0);
      leader = true;
      await waitFor(() => scheduler.stats().enqueued > 0, 3_000);
    } finally {
      await scheduler.stop();
      await queues.close();
    }
  }, 15_000);
});
