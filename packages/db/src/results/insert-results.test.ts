import { computeSchemaHash, histogramBucket, type ProbeResult, type Tool } from '@mcpulse/core';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database.js';
import { probeResults, rollups, schemaSnapshots } from '../schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from '../test-support/database-kinds.js';
import { minutes, resultRow } from '../test-support/result-rows.js';
import { insertResults } from './insert-results.js';
import { resultRowFrom, skippedRowFrom } from './result-row.js';

async function rollupsOf(db: Db, monitorId: string, granularity: 'minute' | 'hour' | 'day') {
  const rows = await db
    .select()
    .from(rollups)
    .where(and(eq(rollups.monitorId, monitorId), eq(rollups.granularity, granularity)))
    .orderBy(asc(rollups.region), asc(rollups.bucketStart));
  return rows.map((row) => ({
    region: row.region,
    bucketStart: row.bucketStart.toISOString(),
    checks: row.checks,
    up: row.up,
    degraded: row.degraded,
    down: row.down,
    latencySumMs: row.latencySumMs,
    latencyHistogram: row.latencyHistogram,
  }));
}

const bucket = (ms: number) => String(histogramBucket(ms));

for (const kind of DATABASE_KINDS) {
  describe(`insertResults on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    beforeAll(async () => {
      org = await createOrganization(db());
    });

    function firstBatch(monitorId: string) {
      return [
        resultRow(monitorId, 'eu-west', '2026-11-26T10:59:00Z', 'up', 100),
        resultRow(monitorId, 'eu-west', '2026-11-26T11:00:00Z', 'degraded', 1500),
        resultRow(monitorId, 'eu-west', '2026-11-26T11:00:30Z', 'down', 10_000),
        resultRow(monitorId, 'eu-west', '2026-11-26T11:01:00Z', 'up', 50),
        resultRow(monitorId, 'us-east', '2026-11-26T11:00:00Z', 'up', 20),
      ];
    }

    it('stores a batch and rolls it up per minute, hour and day, leaving down results out of latency', async () => {
      const monitorId = await createMonitor(db(), org);
      const batch = firstBatch(monitorId);
      const { inserted } = await insertResults(db(), batch);
      expect(inserted).toHaveLength(5);
      expect(new Set(inserted)).toEqual(new Set(batch));

      expect(await rollupsOf(db(), monitorId, 'minute')).toEqual([
        {
          region: 'eu-west',
          bucketStart: '2026-11-26T10:59:00.000Z',
          checks: 1,
          up: 1,
          degraded: 0,
          down: 0,
          latencySumMs: 100,
          latencyHistogram: { [bucket(100)]: 1 },
        },
        {
          region: 'eu-west',
          bucketStart: '2026-11-26T11:00:00.000Z',
          checks: 2,
          up: 0,
          degraded: 1,
          down: 1,
          latencySumMs: 1500,
          latencyHistogram: { [bucket(1500)]: 1 },
        },
        {
          region: 'eu-west',
          bucketStart: '2026-11-26T11:01:00.000Z',
          checks: 1,
          up: 1,
          degraded: 0,
          down: 0,
          latencySumMs: 50,
          latencyHistogram: { [bucket(50)]: 1 },
        },
        {
          region: 'us-east',
          bucketStart: '2026-11-26T11:00:00.000Z',
          checks: 1,
          up: 1,
          degraded: 0,
          down: 0,
          latencySumMs: 20,
          latencyHistogram: { [bucket(20)]: 1 },
        },
      ]);
      expect(await rollupsOf(db(), monitorId, 'hour')).toEqual([
        expect.objectContaining({ region: 'eu-west', bucketStart: '2026-11-26T10:00:00.000Z', checks: 1 }),
        {
          region: 'eu-west',
          bucketStart: '2026-11-26T11:00:00.000Z',
          checks: 3,
          up: 1,
          degraded: 1,
          down: 1,
          latencySumMs: 1550,
          latencyHistogram: { [bucket(1500)]: 1, [bucket(50)]: 1 },
        },
        expect.objectContaining({ region: 'us-east', bucketStart: '2026-11-26T11:00:00.000Z', checks: 1 }),
      ]);
      expect(await rollupsOf(db(), monitorId, 'day')).toEqual([
        {
          region: 'eu-west',
          bucketStart: '2026-11-26T00:00:00.000Z',
          checks: 4,
          up: 2,
          degraded: 1,
          down: 1,
          latencySumMs: 1650,
          latencyHistogram: { [bucket(100)]: 1, [bucket(1500)]: 1, [bucket(50)]: 1 },
        },
        expect.objectContaining({ region: 'us-east', checks: 1, up: 1, latencySumMs: 20 }),
      ]);
    });

    it('ignores results already stored, so a retried batch never counts twice, while new ones in it count', async () => {
      const monitorId = await createMonitor(db(), org);
      await insertResults(db(), firstBatch(monitorId));
      const again = await insertResults(db(), firstBatch(monitorId));
      expect(again.inserted).toEqual([]);

      const extra = resultRow(monitorId, 'eu-west', '2026-11-26T11:02:00Z', 'up', 200);
      const mixed = await insertResults(db(), [...firstBatch(monitorId), extra]);
      expect(mixed.inserted).toEqual([extra]);

      const [day] = await rollupsOf(db(), monitorId, 'day');
      expect(day).toMatchObject({ checks: 5, up: 3, degraded: 1, down: 1, latencySumMs: 1850 });
      expect(day?.latencyHistogram).toEqual({
        [bucket(100)]: 1,
        [bucket(1500)]: 1,
        [bucket(50)]: 1,
        [bucket(200)]: 1,
      });
      const stored = await db().select().from(probeResults).where(eq(probeResults.monitorId, monitorId));
      expect(stored).toHaveLength(6);
    });

    it('stores skipped slots as rows but counts them in no rollup, even in a batch of nothing else', async () => {
      const monitorId = await createMonitor(db(), org);
      const skipped = (slot: string) =>
        skippedRowFrom(monitorId, 'eu-west', new Date(slot), {
          reason: 'picked up 95 s after its slot, more than the 60 s interval',
          decidedAt: new Date(Date.parse(slot) + 95_000),
        });
      const alone = await insertResults(db(), [skipped('2026-11-26T11:00:00Z')]);
      expect(alone.inserted).toHaveLength(1);
      expect(await rollupsOf(db(), monitorId, 'minute')).toEqual([]);

      const mixed = [
        skipped('2026-11-26T11:01:00Z'),
        resultRow(monitorId, 'eu-west', '2026-11-26T11:01:30Z', 'up', 80),
        skipped('2026-11-26T11:01:45Z'),
      ];
      expect((await insertResults(db(), mixed)).inserted).toHaveLength(3);
      for (const granularity of ['minute', 'hour', 'day'] as const) {
        expect(await rollupsOf(db(), monitorId, granularity)).toEqual([
          expect.objectContaining({ checks: 1, up: 1, degraded: 0, down: 0, latencySumMs: 80 }),
        ]);
      }
      const stored = await db().select().from(probeResults).where(eq(probeResults.monitorId, monitorId));
      expect(stored.filter((row) => row.status === 'skipped')).toHaveLength(3);
      expect(stored.find((row) => row.slot.toISOString() === '2026-11-26T11:00:00.000Z')).toMatchObject({
        status: 'skipped',
        errorCode: null,
        errorMessage: 'picked up 95 s after its slot, more than the 60 s interval',
        checkedAt: new Date('2026-11-26T11:01:35Z'),
        totalMs: 0,
      });
    });

    it('counts a slot repeated within one batch once, keeping the first', async () => {
      const monitorId = await createMonitor(db(), org);
      const first = resultRow(monitorId, 'eu-west', '2026-11-26T11:00:00Z', 'up', 30);
      const repeat = resultRow(monitorId, 'eu-west', '2026-11-26T11:00:00Z', 'down', 9000);
      const { inserted } = await insertResults(db(), [first, repeat]);
      expect(inserted).toEqual([first]);
      const [minute] = await rollupsOf(db(), monitorId, 'minute');
      expect(minute).toMatchObject({ checks: 1, up: 1, down: 0 });
    });

    it('stores every field of a probe result and reads it back unchanged', async () => {
      const monitorId = await createMonitor(db(), org);
      const result: ProbeResult = {
        url: 'https://example.com/mcp',
        status: 'down',
        error: {
          code: 'rpc_error',
          message: 'Method not found',
          phase: 'tools_list',
          httpStatus: 200,
          rpcCode: -32601,
        },
        httpAlive: true,
        transport: 'streamable-http',
        era: 'modern',
        protocolVersion: '2026-07-28',
        serverInfo: { name: 'example', version: '1.4.0', title: 'Example' },
        capabilities: { tools: { listChanged: true } },
        toolCount: null,
        schemaHash: null,
        timings: {
          dnsMs: 1.25,
          connectMs: 3.5,
          tlsMs: null,
          negotiationMs: null,
          handshakeMs: 20.125,
          toolsListMs: 8.75,
          otherMs: 1.375,
          totalMs: 35,
        },
        auth: {
          required: true,
          mode: 'credentials',
          resourceMetadataUrl: 'https://example.com/.well-known/oauth-protected-resource/mcp',
          resource: 'https://example.com/mcp',
          authorizationServers: ['https://auth.example.com'],
          issuer: 'https://auth.example.com',
          tokenEndpoint: 'https://auth.example.com/token',
          scopesSupported: ['mcp'],
          failedStep: null,
          reason: null,
        },
        checkedAt: '2026-11-26T11:00:01.234Z',
      };
      const row = resultRowFrom(monitorId, 'ap-south', new Date('2026-11-26T11:00:00Z'), result);
      await insertResults(db(), [row]);
      const [stored] = await db().select().from(probeResults).where(eq(probeResults.monitorId, monitorId));
      expect(stored).toEqual(row);
      expect(stored).toMatchObject({
        errorCode: 'rpc_error',
        errorPhase: 'tools_list',
        httpStatus: 200,
        rpcCode: -32601,
        checkedAt: new Date('2026-11-26T11:00:01.234Z'),
        tlsMs: null,
        auth: result.auth,
      });
    });

    it('stores a snapshot per monitor and new schema hash, normalised, and keeps the first one stored', async () => {
      const monitorId = await createMonitor(db(), org);
      const otherId = await createMonitor(db(), org);
      const tools: Tool[] = [
        { name: 'zeta', inputSchema: { type: 'object' }, _meta: { volatile: 1 } },
        { name: 'alpha', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
      ];
      const hash = computeSchemaHash(tools);
      const withHash = (monitor: string, slot: string) =>
        resultRow(monitor, 'eu-west', slot, 'up', 40, { schemaHash: hash, toolCount: 2 });
      await insertResults(
        db(),
        [
          withHash(monitorId, '2026-11-26T11:01:00Z'),
          withHash(monitorId, '2026-11-26T11:00:00Z'),
          withHash(otherId, '2026-11-26T11:03:00Z'),
        ],
        new Map([[hash, tools]]),
      );
      await insertResults(
        db(),
        [withHash(monitorId, '2026-11-26T11:02:00Z')],
        new Map([[hash, [tools[0]!]]]),
      );
      const snapshots = await db()
        .select()
        .from(schemaSnapshots)
        .where(eq(schemaSnapshots.hash, hash))
        .orderBy(asc(schemaSnapshots.firstSeenAt));
      const normalized = [tools[1], { name: 'zeta', inputSchema: { type: 'object' } }];
      const sizeBytes = Buffer.byteLength(JSON.stringify(normalized));
      expect(snapshots).toEqual([
        {
          monitorId,
          hash,
          tools: normalized,
          toolCount: 2,
          sizeBytes,
          omitted: null,
          firstSeenAt: new Date('2026-11-26T11:00:01.500Z'),
        },
        {
          monitorId: otherId,
          hash,
          tools: normalized,
          toolCount: 2,
          sizeBytes,
          omitted: null,
          firstSeenAt: new Date('2026-11-26T11:03:01.500Z'),
        },
      ]);
      expect(computeSchemaHash(snapshots[0]!.tools as Tool[])).toBe(hash);
    });

    it('joins the caller’s transaction and rolls back with it', async () => {
      const monitorId = await createMonitor(db(), org);
      await expect(
        db().transaction(async (tx) => {
          const { inserted } = await insertResults(tx, firstBatch(monitorId));
          expect(inserted).toHaveLength(5);
          throw new Error('the state machine failed');
        }),
      ).rejects.toThrow('the state machine failed');
      expect(await rollupsOf(db(), monitorId, 'day')).toEqual([]);
      expect(await db().select().from(probeResults).where(eq(probeResults.monitorId, monitorId))).toEqual([]);

      await db().transaction(async (tx) => {
        await insertResults(tx, firstBatch(monitorId));
      });
      expect(await rollupsOf(db(), monitorId, 'day')).toHaveLength(2);
    });

    it('stores a 200-row batch and a 3000-row batch, past the 65 535-parameter limit, each in one call', async () => {
      const monitorId = await createMonitor(db(), org);
      const regions = ['eu-west', 'us-east', 'ap-south'];
      const small = minutes('2026-11-25T00:00:00Z', '2026-11-25T03:20:00Z').map((slot, i) =>
        resultRow(monitorId, 'eu-west', slot, i % 10 === 0 ? 'down' : 'up', 30 + (i % 7)),
      );
      expect(small).toHaveLength(200);
      expect((await insertResults(db(), small)).inserted).toHaveLength(200);
      expect(await rollupsOf(db(), monitorId, 'day')).toEqual([
        expect.objectContaining({ region: 'eu-west', checks: 200, up: 180, down: 20 }),
      ]);

      const large = minutes('2026-11-26T00:00:00Z', '2026-11-26T16:40:00Z').flatMap((slot) =>
        regions.map((region) => resultRow(monitorId, region, slot, 'up', 25)),
      );
      expect(large).toHaveLength(3000);
      expect((await insertResults(db(), large)).inserted).toHaveLength(3000);
      const days = await rollupsOf(db(), monitorId, 'day');
      expect(days.filter((day) => day.bucketStart === '2026-11-26T00:00:00.000Z')).toEqual(
        regions
          .sort()
          .map((region) => expect.objectContaining({ region, checks: 1000, up: 1000, latencySumMs: 25_000 })),
      );
      expect(await rollupsOf(db(), monitorId, 'hour')).toHaveLength(4 + 17 * 3);
    });
  });
}
