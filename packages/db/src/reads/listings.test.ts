import { computeSchemaHash, type Tool, ValidationFailed } from '@mcpulse/core';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertResults } from '../results/insert-results.js';
import { type NewResult, skippedRowFrom } from '../results/result-row.js';
import { events, incidents, monitorState, schemaSnapshots } from '../schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from '../test-support/database-kinds.js';
import { minutes, resultRow } from '../test-support/result-rows.js';
import { currentTools } from './current-tools.js';
import { driftHistory } from './drift-history.js';
import { listIncidents } from './list-incidents.js';
import { listResults, type ResultFilters } from './list-results.js';

const REGIONS = ['ap-south', 'eu-west', 'us-east'];

const search = (q: string, extra: Partial<Tool> = {}): Tool => ({
  name: 'search',
  description: 'Search the docs',
  inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: [q] },
  ...extra,
});
const fetchTool: Tool = { name: 'fetch', inputSchema: { type: 'object', properties: {} } };
const TOOLS_A = [search('q')];
const TOOLS_B = [search('q'), fetchTool];
const TOOLS_C = [fetchTool];
const [HASH_A, HASH_B, HASH_C] = [TOOLS_A, TOOLS_B, TOOLS_C].map(computeSchemaHash) as [
  string,
  string,
  string,
];
const HASH_MISSING = 'f'.repeat(64);
const HASH_D = 'd'.repeat(64);

function snapshot(monitorId: string, hash: string, tools: unknown[] | null, firstSeenAt: string) {
  return {
    monitorId,
    hash,
    tools,
    toolCount: tools?.length ?? 3,
    sizeBytes: 100,
    firstSeenAt: new Date(firstSeenAt),
  };
}

/** 40 minutes × 3 regions; every 7th result down with a rotating error code, every 5th degraded. */
function seed(monitorId: string): NewResult[] {
  return minutes('2026-11-26T10:00:00Z', '2026-11-26T10:40:00Z').flatMap((slot, m) =>
    REGIONS.map((region, r) => {
      const n = m * 3 + r;
      if (n % 7 === 0) {
        return resultRow(monitorId, region, slot, 'down', 10_000, {
          errorCode: n % 2 === 0 ? 'timeout' : 'http_error',
          httpStatus: n % 2 === 0 ? null : 502,
        });
      }
      return resultRow(monitorId, region, slot, n % 5 === 0 ? 'degraded' : 'up', 30 + n);
    }),
  );
}

/** Newest slot first, regions in name order within a slot. */
function expectedOrder(rows: NewResult[]): string[] {
  return [...rows]
    .sort((a, b) => b.slot.getTime() - a.slot.getTime() || (a.region < b.region ? -1 : 1))
    .map((row) => `${row.slot.toISOString()} ${row.region}`);
}

for (const kind of DATABASE_KINDS) {
  describe(`results, incidents, drift and tools on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    let monitorId: string;
    let otherId: string;
    let rows: NewResult[];
    beforeAll(async () => {
      org = await createOrganization(db());
      monitorId = await createMonitor(db(), org, { createdAt: new Date('2026-11-01T00:00:00Z') });
      otherId = await createMonitor(db(), org);
      rows = seed(monitorId);
      await insertResults(db(), [...rows, resultRow(otherId, 'eu-west', '2026-11-26T10:05:00Z', 'up')]);
    });

    async function walk(filters: ResultFilters, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const page = await listResults(db(), monitorId, filters, cursor, limit);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => `${item.slot.toISOString()} ${item.region}`));
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    it('pages through every result exactly once, newest first, whatever the page size', async () => {
      for (const limit of [1, 7, 50, 120, 500]) {
        expect(await walk({}, limit)).toEqual(expectedOrder(rows));
      }
      const last = await listResults(db(), monitorId, {}, undefined, 120);
      expect(last.items).toHaveLength(120);
      expect(last.nextCursor).toBeNull();
    });

    it('filters by region, status, error code and time, and pages the filtered set', async () => {
      const cases: Array<[ResultFilters, (row: NewResult) => boolean]> = [
        [{ region: 'eu-west' }, (row) => row.region === 'eu-west'],
        [{ status: 'down' }, (row) => row.status === 'down'],
        [
          { status: 'degraded', region: 'us-east' },
          (row) => row.status === 'degraded' && row.region === 'us-east',
        ],
        [{ errorCode: 'http_error' }, (row) => row.errorCode === 'http_error'],
        [
          { from: new Date('2026-11-26T10:10:00Z'), to: new Date('2026-11-26T10:20:00Z') },
          (row) =>
            row.slot >= new Date('2026-11-26T10:10:00Z') && row.slot < new Date('2026-11-26T10:20:00Z'),
        ],
        [{ region: 'nowhere' }, () => false],
      ];
      for (const [filters, keep] of cases) {
        const expected = expectedOrder(rows.filter(keep));
        expect(await walk(filters, 4)).toEqual(expected);
      }
      expect(rows.filter((row) => row.status === 'down').length).toBeGreaterThan(10);
    });

    it('returns results in the shape of a probe result', async () => {
      const page = await listResults(db(), monitorId, { errorCode: 'http_error' }, undefined, 1);
      expect(page.items[0]).toEqual({
        region: expect.any(String),
        slot: expect.any(Date),
        checkedAt: expect.any(Date),
        status: 'down',
        skipReason: null,
        error: {
          code: 'http_error',
          message: 'connect ECONNREFUSED',
          phase: 'connect',
          httpStatus: 502,
          rpcCode: null,
        },
        httpAlive: false,
        transport: null,
        era: null,
        protocolVersion: null,
        serverInfo: null,
        capabilities: null,
        toolCount: null,
        schemaHash: null,
        timings: {
          dnsMs: null,
          connectMs: null,
          tlsMs: null,
          negotiationMs: null,
          handshakeMs: null,
          toolsListMs: null,
          otherMs: null,
          totalMs: 10_000,
        },
        auth: null,
      });
      const up = await listResults(db(), monitorId, { status: 'up' }, undefined, 1);
      expect(up.items[0]).toMatchObject({
        error: null,
        serverInfo: { name: 'fixture', version: '1.0.0' },
        timings: { connectMs: 1 },
      });
    });

    it("reads a result's auth block back as stored", async () => {
      const monitor = await createMonitor(db(), org);
      const auth = {
        required: true,
        mode: 'discovery' as const,
        resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource',
        resource: 'https://mcp.example.com/mcp',
        authorizationServers: ['https://auth.example.com'],
        issuer: null,
        tokenEndpoint: null,
        scopesSupported: [],
        failedStep: 'authorization_server_metadata' as const,
        reason: 'no authorization server metadata: HTTP 404',
      };
      await insertResults(db(), [
        resultRow(monitor, 'eu-west', '2026-11-26T11:00:00Z', 'down', 30, { auth }),
      ]);
      const [read] = (await listResults(db(), monitor, {}, undefined, 1)).items;
      expect(read?.auth).toEqual(auth);
    });

    it('lists a skipped slot with its reason, in slot order with the checks, and filters on it', async () => {
      const monitor = await createMonitor(db(), org);
      const reason =
        "picked up 127 s after its slot, more than the 60 s interval: the region's worker was down or behind";
      await insertResults(db(), [
        resultRow(monitor, 'eu-west', '2026-11-26T11:00:00Z', 'up', 30),
        skippedRowFrom(monitor, 'eu-west', new Date('2026-11-26T11:01:00Z'), {
          reason,
          decidedAt: new Date('2026-11-26T11:03:07Z'),
        }),
        resultRow(monitor, 'eu-west', '2026-11-26T11:02:00Z', 'down', 10_000),
      ]);
      const page = await listResults(db(), monitor, {}, undefined, 10);
      expect(page.items.map((item) => [item.slot.toISOString(), item.status, item.skipReason])).toEqual([
        ['2026-11-26T11:02:00.000Z', 'down', null],
        ['2026-11-26T11:01:00.000Z', 'skipped', reason],
        ['2026-11-26T11:00:00.000Z', 'up', null],
      ]);
      expect(page.items[1]).toMatchObject({ checkedAt: new Date('2026-11-26T11:03:07Z'), error: null });
      const skipped = await listResults(db(), monitor, { status: 'skipped' }, undefined, 10);
      expect(skipped.items.map((item) => item.skipReason)).toEqual([reason]);
    });

    it('reads stored timings back to the hundredth, so the phases still add up to the total', async () => {
      const timed = await createMonitor(db(), org);
      const timings = {
        dnsMs: 1.23,
        connectMs: 3.41,
        tlsMs: 7.19,
        negotiationMs: 12.07,
        handshakeMs: 20.1,
        toolsListMs: 8.77,
        otherMs: 0.33,
        totalMs: 53.1,
      };
      await insertResults(db(), [resultRow(timed, 'eu-west', '2026-11-26T10:00:00Z', 'up', 53.1, timings)]);
      const [read] = (await listResults(db(), timed, {}, undefined, 1)).items;
      expect(read?.timings).toEqual(timings);
      const { totalMs, ...parts } = read!.timings;
      const cents = Object.values(parts).reduce<number>((sum, ms) => sum + Math.round((ms ?? 0) * 100), 0);
      expect(cents).toBe(Math.round(totalMs * 100));
    });

    it('refuses a cursor it did not issue, naming the field', async () => {
      for (const cursor of ['garbage', Buffer.from('["x","y"]').toString('base64url'), '']) {
        const failure = listResults(db(), monitorId, {}, cursor, 10);
        await expect(failure).rejects.toBeInstanceOf(ValidationFailed);
        await expect(failure).rejects.toMatchObject({ field: 'cursor' });
      }
    });

    it('pages incidents newest first, ties on the start time included, each exactly once', async () => {
      const starts = [
        '2026-11-20T10:00:00.000001Z',
        '2026-11-21T10:00:00.123456Z',
        '2026-11-21T10:00:00.123456Z',
        '2026-11-21T10:00:00.123456Z',
        '2026-11-21T10:00:00.123Z',
        '2026-11-25T08:00:00Z',
      ];
      for (const [i, start] of starts.entries()) {
        await db()
          .insert(incidents)
          .values({
            organizationId: org,
            monitorId,
            kind: i === 0 ? 'degraded' : 'down',
            startedAt: sql`${start}::timestamptz`,
            endedAt: i === 5 ? null : new Date('2026-11-25T07:00:00Z'),
            errorCode: 'timeout',
            errorMessage: 'no answer in 10 s',
            regions: ['eu-west', 'us-east'],
          });
      }
      await db()
        .insert(incidents)
        .values({
          organizationId: org,
          monitorId: otherId,
          kind: 'down',
          startedAt: new Date(),
          regions: ['eu-west'],
        });

      const everything = await listIncidents(db(), monitorId, undefined, 50);
      expect(everything.nextCursor).toBeNull();
      expect(everything.items).toHaveLength(6);
      expect(everything.items[0]).toMatchObject({
        endedAt: null,
        kind: 'down',
        regions: ['eu-west', 'us-east'],
      });
      expect(everything.items[5]).toMatchObject({ kind: 'degraded' });
      const times = everything.items.map((item) => item.startedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listIncidents(db(), monitorId, cursor, 1);
        paged.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(everything.items.map((item) => item.id));
    });

    it('lists schema drifts newest first with the diff between the snapshots', async () => {
      await db()
        .insert(schemaSnapshots)
        .values([
          snapshot(monitorId, HASH_A, TOOLS_A, '2026-10-01T00:00:00Z'),
          snapshot(monitorId, HASH_B, TOOLS_B, '2026-11-10T00:00:00Z'),
          snapshot(monitorId, HASH_C, TOOLS_C, '2026-11-20T00:00:00Z'),
          { ...snapshot(monitorId, HASH_D, null, '2026-11-23T00:00:00Z'), omitted: 'too_frequent' as const },
          // Another monitor's snapshot of the same hash is not this monitor's.
          snapshot(otherId, HASH_MISSING, TOOLS_A, '2026-11-01T00:00:00Z'),
        ]);
      const drift = (at: string, fromHash: string, toHash: string) => ({
        organizationId: org,
        monitorId,
        type: 'schema.drift' as const,
        occurredAt: new Date(at),
        dedupeKey: `drift:${monitorId}:${at}`,
        payload: { fromHash, toHash },
      });
      await db()
        .insert(events)
        .values([
          drift('2026-11-10T00:05:00Z', HASH_A, HASH_B),
          drift('2026-11-20T00:05:00Z', HASH_B, HASH_C),
          drift('2026-11-22T00:05:00Z', HASH_C, HASH_MISSING),
          drift('2026-11-23T00:05:00Z', HASH_MISSING, HASH_D),
          {
            organizationId: org,
            monitorId,
            type: 'monitor.down',
            occurredAt: new Date('2026-11-21T00:00:00Z'),
            dedupeKey: `down:${monitorId}`,
            payload: {},
          },
        ]);

      const { items: history, nextCursor } = await driftHistory(db(), monitorId, undefined, 10);
      expect(nextCursor).toBeNull();
      expect(history.map((d) => [d.occurredAt.toISOString(), d.fromHash, d.toHash])).toEqual([
        ['2026-11-23T00:05:00.000Z', HASH_MISSING, HASH_D],
        ['2026-11-22T00:05:00.000Z', HASH_C, HASH_MISSING],
        ['2026-11-20T00:05:00.000Z', HASH_B, HASH_C],
        ['2026-11-10T00:05:00.000Z', HASH_A, HASH_B],
      ]);
      expect(history.map((d) => d.diffUnavailable)).toEqual(['not_stored', 'not_stored', null, null]);
      expect(history[1]?.diff).toBeNull();
      expect(history[2]?.diff).toMatchObject({ breaking: true, added: [], removed: [{ name: 'search' }] });
      expect(history[3]?.diff).toMatchObject({
        breaking: false,
        added: [{ name: 'fetch', class: 'compatible' }],
        removed: [],
        changed: [],
      });
      // Page by page, each drift once, in the same order.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await driftHistory(db(), monitorId, cursor, 2);
        seen.push(...page.items.map((d) => d.occurredAt.toISOString()));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(history.map((d) => d.occurredAt.toISOString()));
      expect(await driftHistory(db(), otherId, undefined, 10)).toEqual({ items: [], nextCursor: null });
    });

    it('gives the confirmed tools, since the drift that brought them or since the monitor first saw them', async () => {
      expect(await currentTools(db(), monitorId)).toBeNull();
      await db().insert(monitorState).values({ monitorId, status: 'up', schemaHash: HASH_C });
      expect(await currentTools(db(), monitorId)).toEqual({
        hash: HASH_C,
        tools: TOOLS_C,
        toolCount: 1,
        omitted: null,
        since: new Date('2026-11-20T00:05:00Z'),
      });
      // Snapshots belong to their monitor: the other one sees only its own.
      await db().insert(monitorState).values({ monitorId: otherId, status: 'up', schemaHash: HASH_C });
      expect(await currentTools(db(), otherId)).toBeNull();
      await db()
        .insert(schemaSnapshots)
        .values(snapshot(otherId, HASH_A, TOOLS_A, '2026-11-15T00:00:00Z'));
      await db().update(monitorState).set({ schemaHash: HASH_A }).where(eq(monitorState.monitorId, otherId));
      expect(await currentTools(db(), otherId)).toMatchObject({
        tools: TOOLS_A,
        since: new Date('2026-11-15T00:00:00Z'),
      });
      // A confirmed schema whose tools were not kept reads as such, with no tools.
      await db()
        .update(monitorState)
        .set({ schemaHash: HASH_D })
        .where(eq(monitorState.monitorId, monitorId));
      expect(await currentTools(db(), monitorId)).toMatchObject({
        hash: HASH_D,
        tools: [],
        omitted: 'too_frequent',
      });
    });

    it('reads stored tools of a bad shape in the published shape', async () => {
      const badHash = 'e'.repeat(64);
      await db()
        .insert(schemaSnapshots)
        .values({
          ...snapshot(otherId, badHash, null, '2026-11-01T00:00:00Z'),
          tools: [{ name: 'bad', description: { text: 'object' }, inputSchema: 'none' }],
        });
      await db().update(monitorState).set({ schemaHash: badHash }).where(eq(monitorState.monitorId, otherId));
      expect((await currentTools(db(), otherId))?.tools).toEqual([{ name: 'bad', inputSchema: {} }]);
    });
  });
}
