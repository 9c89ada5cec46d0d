import { computeSchemaHash } from '@mcpulse/core';
import { events, incidents, monitorState, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch, type ProbedResultJob, type ResultJob, resultJobSchema } from '../src/index.js';
import { resultJob } from './support/webhook-fixtures.js';

let database: TestDatabase;
let monitorId: string;
const REGIONS = ['eu-west', 'us-east'];

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

beforeEach(async () => {
  const db = database.handle.db;
  const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
  const [monitor] = await db
    .insert(monitors)
    .values({ organizationId: org!.id, name: 'm', url: 'https://mcp.example.com/mcp', regions: REGIONS })
    .returning();
  monitorId = monitor!.id;
});

const T0 = Date.parse('2026-11-26T10:00:00Z');

const job = (
  region: string,
  minute: number,
  status: 'up' | 'down' | 'degraded',
  hash?: string,
): ProbedResultJob => resultJob(monitorId, region, minute, status, T0, hash);

describe('ingest', () => {
  it('stores the timings of a probe worker one release older, the parts it did not measure as null', async () => {
    const fresh = job('eu-west', 0, 'up');
    const { negotiationMs, otherMs, ...older } = fresh.result.timings;
    const parsed = resultJobSchema.parse({ ...fresh, result: { ...fresh.result, timings: older } });
    expect(parsed.result?.timings).toEqual({ ...older, negotiationMs: null, otherMs: null });
    await ingestBatch(database.handle.db, [parsed], new Date(T0 + 3_600_000));
    const [row] = await database.handle.db
      .select()
      .from(probeResults)
      .where(eq(probeResults.monitorId, monitorId));
    expect(row).toMatchObject({ handshakeMs: older.handshakeMs, negotiationMs: null, otherMs: null });
  });

  it('stores results, confirms down across a quorum, opens an incident and an event, then recovers', async () => {
    const db = database.handle.db;
    await db.update(monitors).set({ regionQuorum: 2 }).where(eq(monitors.id, monitorId));
    const now = new Date(T0 + 3_600_000);
    await ingestBatch(
      db,
      [job('eu-west', 0, 'up'), job('us-east', 0, 'up'), job('eu-west', 1, 'up'), job('us-east', 1, 'up')],
      now,
    );
    const [afterUp] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(afterUp?.status).toBe('up');

    const down = await ingestBatch(
      db,
      [job('eu-west', 2, 'down'), job('us-east', 2, 'down'), job('eu-west', 3, 'down')],
      now,
    );
    expect(down.events).toHaveLength(0);
    const confirmed = await ingestBatch(db, [job('us-east', 3, 'down')], now);
    expect(confirmed.events.map((e) => e.type)).toEqual(['monitor.down']);
    const [open] = await db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    expect(open).toMatchObject({ kind: 'down', endedAt: null, errorCode: 'timeout' });
    // The outage began at the second region's first failed check (minute 2), not when it was confirmed.
    expect(open?.startedAt.toISOString()).toBe(job('us-east', 2, 'down').result.checkedAt);
    // eu-west's confirming result came in the earlier batch: the payload still carries it as reported.
    const [downEvent] = await db.select().from(events).where(eq(events.type, 'monitor.down'));
    const reported = (downEvent!.payload as { results: Array<Record<string, unknown>> }).results;
    const earlier = job('eu-west', 3, 'down');
    expect(reported.find((result) => result.region === 'eu-west')).toEqual({
      region: 'eu-west',
      slot: earlier.slot,
      checkedAt: earlier.result.checkedAt,
      status: 'down',
      errorCode: 'timeout',
      errorMessage: 'no answer',
      totalMs: 12,
      timings: {
        dnsMs: 1,
        connectMs: 1,
        tlsMs: null,
        negotiationMs: null,
        handshakeMs: 5,
        toolsListMs: 5,
        toolCallMs: null,
        otherMs: 0,
        totalMs: 12,
      },
    });
    expect([...(open?.regions ?? [])].sort()).toEqual(REGIONS);

    const recovered = await ingestBatch(
      db,
      [job('eu-west', 4, 'up'), job('us-east', 4, 'up'), job('eu-west', 5, 'up'), job('us-east', 5, 'up')],
      now,
    );
    expect(recovered.events.map((e) => e.type)).toEqual(['monitor.up']);
    const [closed] = await db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    // It ended at the first good check of the recovery, and the downtime is exactly the difference.
    expect(closed?.endedAt?.toISOString()).toBe(job('us-east', 4, 'up').result.checkedAt);
    const [upEvent] = await db.select().from(events).where(eq(events.type, 'monitor.up'));
    expect((upEvent?.payload as { downtimeMs?: number } | undefined)?.downtimeMs).toBe(
      closed!.endedAt!.getTime() - closed!.startedAt.getTime(),
    );
  });

  it('is idempotent: the same batch again stores and emits nothing', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    const batch = [
      job('eu-west', 0, 'down'),
      job('us-east', 0, 'down'),
      job('eu-west', 1, 'down'),
      job('us-east', 1, 'down'),
    ];
    const first = await ingestBatch(db, batch, now);
    const again = await ingestBatch(db, batch, now);
    expect(first.events.map((e) => e.type)).toEqual(['monitor.down']);
    expect(again).toMatchObject({ stored: 0, events: [] });
    const rows = await db.select().from(probeResults).where(eq(probeResults.monitorId, monitorId));
    expect(rows).toHaveLength(4);
  });

  it('stores a skipped check with its reason, bounded, and never lets it move the state', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    const skipped = (minute: number, reason: string): ResultJob => ({
      monitorId,
      region: 'eu-west',
      slot: job('eu-west', minute, 'up').slot,
      tools: null,
      skipped: { reason, decidedAt: new Date(T0 + minute * 60_000 + 95_000).toISOString() },
    });
    // Between two failures: were it a check, it would break the run of failures that confirms down.
    const outcome = await ingestBatch(
      db,
      [job('eu-west', 0, 'down'), skipped(1, 'picked up 95 s after its slot'), job('eu-west', 2, 'down')],
      now,
    );
    expect(outcome).toMatchObject({ stored: 3, rejected: [], parked: [] });
    expect(outcome.events.map((e) => e.type)).toEqual(['monitor.down']);
    const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(state?.lastCheckedAt?.toISOString()).toBe(job('eu-west', 2, 'down').result.checkedAt);

    await ingestBatch(db, [skipped(3, `late${'\u0000'.repeat(3)}${'x'.repeat(5_000)}`)], now);
    const [row] = await db
      .select()
      .from(probeResults)
      .where(
        and(eq(probeResults.monitorId, monitorId), eq(probeResults.slot, new Date(skipped(3, '').slot))),
      );
    expect(row).toMatchObject({ status: 'skipped', errorCode: null });
    expect(row?.errorMessage?.startsWith('late\uFFFD\uFFFD\uFFFD')).toBe(true);
    expect(row?.errorMessage?.length).toBeLessThan(1_100);
  });

  it('refuses a result job that carries both a result and a skip, or neither, naming the field', () => {
    const probed = job('eu-west', 0, 'up');
    const skip = { reason: 'late', decidedAt: probed.result.checkedAt };
    expect(resultJobSchema.safeParse({ ...probed, skipped: skip }).error?.issues[0]?.path).toEqual([
      'result',
    ]);
    const { result: _, ...neither } = probed;
    expect(resultJobSchema.safeParse(neither).error?.issues[0]?.path).toEqual(['result']);
    expect(resultJobSchema.safeParse({ ...neither, skipped: skip }).success).toBe(true);
    expect(resultJobSchema.safeParse(probed).success).toBe(true);
  });

  it('emits exactly one event when two ingesters race on the same results', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    const batch = [
      job('eu-west', 0, 'down'),
      job('us-east', 0, 'down'),
      job('eu-west', 1, 'down'),
      job('us-east', 1, 'down'),
    ];
    const outcomes = await Promise.all([
      ingestBatch(db, batch, now),
      ingestBatch(db, [...batch].reverse(), now),
      ingestBatch(db, batch.slice(1), now),
    ]);
    expect(outcomes.flatMap((o) => o.events).map((e) => e.type)).toEqual(['monitor.down']);
    const stored = await db.select().from(events).where(eq(events.monitorId, monitorId));
    expect(stored).toHaveLength(1);
    // Two regions: the default quorum is one, so the first region to fail twice confirms it.
    expect(stored[0]?.payload).toMatchObject({ regions: ['eu-west'], error: { code: 'timeout' } });
    const open = await db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    expect(open).toHaveLength(1);
  });

  it('records drift with the diff once a new schema hash is seen twice in a row', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    await ingestBatch(db, [job('eu-west', 0, 'up'), job('us-east', 0, 'up')], now);
    const drift = await ingestBatch(
      db,
      [job('eu-west', 1, 'up', 'b'.repeat(64)), job('us-east', 1, 'up', 'b'.repeat(64))],
      now,
    );
    expect(drift.events.map((e) => e.type)).toEqual(['schema.drift']);
    const [event] = await db.select().from(events).where(eq(events.type, 'schema.drift'));
    expect(event?.payload).toMatchObject({
      fromHash: 'a'.repeat(64),
      toHash: 'b'.repeat(64),
      breaking: true,
      diff: { added: [{ name: 't-bbbb' }], removed: [{ name: 't-aaaa' }] },
    });
  });

  it('records a drift to tools too large to keep, with the reason, and moves the monitor to the new hash', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    await ingestBatch(db, [job('eu-west', 0, 'up'), job('us-east', 0, 'up')], now);
    const huge = [{ name: 'huge', description: 'x'.repeat(16_000), inputSchema: { type: 'object' } }];
    const tools = Array.from({ length: 40 }, (_, i) => ({ ...huge[0]!, name: `huge-${i}` }));
    const hash = computeSchemaHash(tools);
    const withHuge = (region: string) => ({ ...job(region, 1, 'up', hash), tools });
    const drift = await ingestBatch(db, [withHuge('eu-west'), withHuge('us-east')], now);
    expect(drift.events.map((e) => e.type)).toEqual(['schema.drift']);
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, 'schema.drift'), eq(events.monitorId, monitorId)));
    expect(event?.payload).toMatchObject({
      fromHash: 'a'.repeat(64),
      toHash: hash,
      breaking: null,
      diff: null,
      diffUnavailable: 'too_large',
    });
    const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(state?.schemaHash).toBe(hash);
  });

  it('drops results of paused and deleted monitors without failing the batch', async () => {
    const db = database.handle.db;
    await db.update(monitors).set({ paused: true }).where(eq(monitors.id, monitorId));
    const outcome = await ingestBatch(
      db,
      [
        job('eu-west', 0, 'down'),
        { ...job('eu-west', 0, 'down'), monitorId: '00000000-0000-4000-8000-000000000000' },
      ],
      new Date(),
    );
    expect(outcome).toMatchObject({ received: 2, stored: 0, dropped: 2, events: [] });
  });

  it('leaves the state of a monitor paused while its batch waited for the state lock', async () => {
    const db = database.handle.db;
    await db.update(monitors).set({ regionQuorum: 1, confirmations: 1 }).where(eq(monitors.id, monitorId));
    await ingestBatch(db, [job('eu-west', 0, 'up')], new Date(T0 + 3_600_000));

    // A pause holds the state row (as the API's pause does) while a batch of failures arrives.
    const pauser = new pg.Client({ connectionString: database.url });
    await pauser.connect();
    try {
      await pauser.query('begin');
      await pauser.query('select 1 from monitor_state where monitor_id = $1 for update', [monitorId]);
      await pauser.query('update monitors set paused = true where id = $1', [monitorId]);
      const batch = ingestBatch(
        db,
        [job('eu-west', 1, 'down'), job('us-east', 1, 'down')],
        new Date(T0 + 3_600_000),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await pauser.query('commit');
      const outcome = await batch;
      expect(outcome.events).toEqual([]);
    } finally {
      await pauser.end();
    }
    const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(state?.status).toBe('up');
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, monitorId))).toEqual([]);
  });
});

describe('re-checks', () => {
  it('asks for a re-check of the failing region and an immediate check of the others, and none once confirmed', async () => {
    const db = database.handle.db;
    const now = new Date(T0 + 3_600_000);
    const settings = { recheckDelayMs: 10_000 };
    await ingestBatch(db, [...[0, 1].flatMap((m) => REGIONS.map((r) => job(r, m, 'up')))], now, settings);
    const failed = await ingestBatch(db, [job('eu-west', 2, 'down')], now, settings);
    const at = Date.parse(job('eu-west', 2, 'down').result.checkedAt);
    expect(failed.checks.map((check) => [check.region, check.atMs - at])).toEqual([
      ['eu-west', 10_000],
      ['us-east', 0],
    ]);
    expect(failed.checks[0]?.spec).toMatchObject({ url: 'https://mcp.example.com/mcp', transport: 'auto' });
    const confirmed = await ingestBatch(db, [job('eu-west', 2.2, 'down')], now, settings);
    expect(confirmed.events.map((e) => e.type)).toEqual(['monitor.down']);
    expect(confirmed.checks).toEqual([]);
  });

  it('asks for none when re-checks are off', async () => {
    const db = database.handle.db;
    const outcome = await ingestBatch(db, [job('eu-west', 0, 'up')], new Date(T0 + 3_600_000));
    expect(outcome.checks).toEqual([]);
  });
});
