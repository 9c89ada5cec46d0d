import { STORABLE_LIMITS } from '@mcpulse/core/domain';
import {
  changeTimeline,
  driftHistory,
  events,
  listReleases,
  monitorReleases,
  monitorState,
  monitors,
  organizations,
} from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch, type ProbedResultJob } from '../src/index.js';
import { resultJob, type ServerSide } from './support/webhook-fixtures.js';

let database: TestDatabase;
let monitorId: string;
const REGIONS = ['eu-west', 'us-east'];
const T0 = Date.parse('2026-11-26T10:00:00Z');
const NOW = new Date(T0 + 3_600_000);
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

const LEGACY: ServerSide = {
  era: 'legacy',
  protocolVersion: '2025-11-25',
  transport: 'streamable-http',
  serverInfo: { name: 'docs', version: '1.4.1' },
};
const MODERN: ServerSide = {
  era: 'modern',
  protocolVersion: '2026-07-28',
  transport: 'streamable-http',
  serverInfo: { name: 'docs', version: '1.4.2' },
};

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

/** An answered check of `region` at `minute` (us-east half a minute later) from a server in `server`'s state. */
const job = (region: string, minute: number, server: ServerSide, hash = A): ProbedResultJob =>
  resultJob(monitorId, region, minute, 'up', T0, hash, server);

/** Both regions at each minute. */
const both = (minutes: number[], server: ServerSide, hash = A) =>
  minutes.flatMap((minute) => REGIONS.map((region) => job(region, minute, server, hash)));

async function eventsOf(type: 'protocol.changed' | 'schema.drift') {
  const db = database.handle.db;
  return db
    .select()
    .from(events)
    .where(and(eq(events.monitorId, monitorId), eq(events.type, type)));
}

describe('protocol changes and releases at ingest', () => {
  it('confirms an upgrade to 2026-07-28 across batches: one event, one release marker, a drift marked as across it', async () => {
    const db = database.handle.db;
    const first = await ingestBatch(db, both([0, 1], LEGACY), NOW);
    expect(first.events).toEqual([]);
    // The new era's first sighting lands in one batch, its confirmation in the next: the streak is stored between.
    const seen = await ingestBatch(db, [job('eu-west', 2, MODERN, B)], NOW);
    expect(seen.events).toEqual([]);
    const [between] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(between?.protocolTracking).toMatchObject({ seen: 1, candidate: { era: 'modern' } });
    const confirmed = await ingestBatch(db, [job('us-east', 2, MODERN, B)], NOW);
    expect(confirmed.events.map((event) => event.type)).toEqual(['protocol.changed', 'schema.drift']);

    const [protocol] = await eventsOf('protocol.changed');
    const upgradeSlot = job('us-east', 2, MODERN).slot;
    expect(protocol?.occurredAt.toISOString()).toBe(upgradeSlot);
    expect(protocol?.payload).toEqual({
      monitor: { id: monitorId, name: 'm', url: 'https://mcp.example.com/mcp' },
      from: { era: 'legacy', protocolVersion: '2025-11-25', transport: 'streamable-http' },
      to: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
      changed: ['era', 'protocolVersion'],
      firstSeenAt: job('eu-west', 2, MODERN).slot,
    });
    const [drift] = await eventsOf('schema.drift');
    expect(drift?.payload).toMatchObject({
      fromHash: A,
      toHash: B,
      protocolChange: {
        from: { era: 'legacy', protocolVersion: '2025-11-25' },
        to: { era: 'modern', protocolVersion: '2026-07-28' },
      },
    });
    const releases = await db.select().from(monitorReleases).where(eq(monitorReleases.monitorId, monitorId));
    expect(releases).toMatchObject([
      {
        fromVersion: '1.4.1',
        toVersion: '1.4.2',
        serverName: 'docs',
        firstSeenAt: new Date(job('eu-west', 2, MODERN).slot),
        occurredAt: new Date(upgradeSlot),
      },
    ]);

    // The same results again (a retried batch) store nothing twice.
    const again = await ingestBatch(db, [job('eu-west', 2, MODERN, B), job('us-east', 2, MODERN, B)], NOW);
    expect(again.events).toEqual([]);
    expect(await eventsOf('protocol.changed')).toHaveLength(1);
    expect(
      await db.select().from(monitorReleases).where(eq(monitorReleases.monitorId, monitorId)),
    ).toHaveLength(1);
  });

  it('announces nothing for one region that alone sees another protocol and release', async () => {
    const db = database.handle.db;
    const sse: ServerSide = { ...LEGACY, transport: 'sse', serverInfo: { name: 'docs', version: '0.9' } };
    const batch = [0, 1, 2, 3].flatMap((minute) => [
      job('eu-west', minute, LEGACY),
      job('us-east', minute, sse),
    ]);
    const outcome = await ingestBatch(db, batch, NOW);
    expect(outcome.events).toEqual([]);
    expect(await db.select().from(monitorReleases).where(eq(monitorReleases.monitorId, monitorId))).toEqual(
      [],
    );
    const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId));
    expect(state?.protocolTracking?.confirmed).toEqual({
      era: 'legacy',
      protocolVersion: '2025-11-25',
      transport: 'streamable-http',
    });
  });

  it('reports a fall-back to HTTP+SSE, and leaves a drift within one protocol unmarked', async () => {
    const db = database.handle.db;
    const sse: ServerSide = { ...LEGACY, transport: 'sse' };
    await ingestBatch(db, both([0, 1], LEGACY), NOW);
    await ingestBatch(db, both([2], LEGACY, B), NOW);
    const fell = await ingestBatch(db, both([3], sse, B), NOW);
    expect(fell.events.map((event) => event.type)).toEqual(['protocol.changed']);
    const [protocol] = await eventsOf('protocol.changed');
    expect(protocol?.payload).toMatchObject({ changed: ['transport'], to: { transport: 'sse' } });
    const [drift] = await eventsOf('schema.drift');
    expect(drift?.payload).toMatchObject({ protocolChange: null });
  });

  it('keeps a hostile version as the storable boundary bounds it, and reads it back in the timeline', async () => {
    const db = database.handle.db;
    const hostile = `<img src=x onerror=alert(1)>\u0000${'9'.repeat(2_000)}`;
    await ingestBatch(db, both([0], LEGACY), NOW);
    await ingestBatch(db, both([1], { ...LEGACY, serverInfo: { name: 'docs', version: hostile } }), NOW);
    const [release] = await db.select().from(monitorReleases).where(eq(monitorReleases.monitorId, monitorId));
    expect(release?.toVersion.length).toBeLessThanOrEqual(STORABLE_LIMITS.serverFieldChars);
    expect(release?.toVersion.startsWith('<img src=x onerror=alert(1)>\ufffd999')).toBe(true);
    expect(release?.toVersion).toMatch(/… \[truncated, 2,029 characters\]$/);
    const timeline = await changeTimeline(db, monitorId, undefined, 10);
    expect(timeline.items).toMatchObject([{ kind: 'release', toVersion: release?.toVersion }]);
  });

  it('takes a server that stops announcing its version as no release', async () => {
    const db = database.handle.db;
    await ingestBatch(db, both([0], LEGACY), NOW);
    await ingestBatch(db, both([1, 2], { ...LEGACY, serverInfo: { name: 'docs', version: '' } }), NOW);
    await ingestBatch(db, both([3], { ...LEGACY, serverInfo: null }), NOW);
    expect(await db.select().from(monitorReleases).where(eq(monitorReleases.monitorId, monitorId))).toEqual(
      [],
    );
  });
});

describe('the change timeline', () => {
  it('lists drifts, protocol changes and releases newest first, page by page, without a gap or a repeat', async () => {
    const db = database.handle.db;
    const v = (version: string): ServerSide => ({ ...LEGACY, serverInfo: { name: 'docs', version } });
    await ingestBatch(db, both([0], v('1')), NOW);
    await ingestBatch(db, both([1], v('2')), NOW); // release 1→2 at minute 1
    await ingestBatch(db, both([2], v('2'), B), NOW); // drift A→B at minute 2
    await ingestBatch(db, both([3], { ...MODERN, serverInfo: { name: 'docs', version: '2' } }, B), NOW); // protocol

    const whole = await changeTimeline(db, monitorId, undefined, 10);
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((item) => item.kind)).toEqual(['protocol.changed', 'schema.drift', 'release']);
    expect(whole.items[1]).toMatchObject({
      fromHash: A,
      toHash: B,
      protocolChange: null,
      diff: { breaking: true },
    });
    expect(whole.items[2]).toMatchObject({ fromVersion: '1', toVersion: '2', serverName: 'docs' });

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await changeTimeline(db, monitorId, cursor, 1);
      pages.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(whole.items.map((item) => item.id));

    // The drift history reads the same drift, with its protocol change.
    const drifts = await driftHistory(db, monitorId, undefined, 10);
    expect(drifts.items.map((drift) => drift.id)).toEqual([whole.items[1]?.id]);
  });

  it('reads release markers within a window, newest first', async () => {
    const db = database.handle.db;
    const v = (version: string): ServerSide => ({ ...LEGACY, serverInfo: { name: 'docs', version } });
    for (const [minute, version] of [
      [0, '1'],
      [1, '2'],
      [2, '3'],
      [3, '4'],
    ] as const) {
      await ingestBatch(db, both([minute], v(version)), NOW);
    }
    const all = await listReleases(db, monitorId, {}, undefined, 10);
    expect(all.items.map((release) => release.toVersion)).toEqual(['4', '3', '2']);
    const window = await listReleases(
      db,
      monitorId,
      { from: new Date(T0 + 2 * 60_000), to: new Date(T0 + 3 * 60_000) },
      undefined,
      10,
    );
    expect(window.items.map((release) => release.toVersion)).toEqual(['3']);
    const paged = await listReleases(db, monitorId, {}, undefined, 2);
    expect(paged.items.map((release) => release.toVersion)).toEqual(['4', '3']);
    const rest = await listReleases(db, monitorId, {}, paged.nextCursor!, 2);
    expect(rest).toMatchObject({ items: [{ toVersion: '2' }], nextCursor: null });
  });
});
