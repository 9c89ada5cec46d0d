import { computeSchemaHash, type Tool } from '@mcpulse/core';
import { SNAPSHOT_LIMITS } from '@mcpulse/core/domain';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database.js';
import { schemaSnapshots } from '../schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from '../test-support/database-kinds.js';
import { resultRow } from '../test-support/result-rows.js';
import { insertResults } from './insert-results.js';

const KB = 1024;
const START = Date.parse('2026-11-26T00:00:00Z');

/** A listing of about `bytes` that differs from every other version. */
function listing(version: number, bytes: number): Tool[] {
  return [{ name: `t${version}`, description: 'x'.repeat(bytes), inputSchema: { type: 'object' } }];
}

/** One check of `monitorId` at `minute`, carrying the tools of its new schema, stored as ingest does. */
async function check(db: Db, monitorId: string, minute: number, tools: Tool[]): Promise<string> {
  const hash = computeSchemaHash(tools);
  const row = resultRow(monitorId, 'eu-west', new Date(START + minute * 60_000), 'up', 40, {
    schemaHash: hash,
    toolCount: tools.length,
  });
  await insertResults(db, [row], new Map([[hash, tools]]));
  return hash;
}

async function snapshotsOf(db: Db, monitorId: string) {
  return db
    .select()
    .from(schemaSnapshots)
    .where(eq(schemaSnapshots.monitorId, monitorId))
    .orderBy(asc(schemaSnapshots.firstSeenAt));
}

function keptBytes(rows: Awaited<ReturnType<typeof snapshotsOf>>): number {
  return rows.filter((row) => row.omitted === null).reduce((sum, row) => sum + row.sizeBytes, 0);
}

for (const kind of DATABASE_KINDS) {
  describe(`schema snapshots on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    beforeAll(async () => {
      org = await createOrganization(db());
    });

    it('keeps no more than the daily byte budget of a server whose large tool list changes every check', async () => {
      const monitorId = await createMonitor(db(), org);
      const hashes: string[] = [];
      for (let minute = 0; minute < 12; minute++)
        hashes.push(await check(db(), monitorId, minute, listing(minute, 300 * KB)));
      const rows = await snapshotsOf(db(), monitorId);
      // Every change is recorded, with its hash and size; only the budget's worth keeps its tools.
      expect(rows.map((row) => row.hash)).toEqual(hashes);
      expect(keptBytes(rows)).toBeLessThanOrEqual(SNAPSHOT_LIMITS.perDayBytes);
      expect(rows.map((row) => row.omitted)).toEqual([
        ...Array(6).fill(null),
        ...Array(6).fill('too_frequent'),
      ]);
      for (const row of rows.filter((r) => r.omitted !== null)) {
        expect(row).toMatchObject({ tools: null, toolCount: 1 });
        expect(row.sizeBytes).toBeGreaterThan(300 * KB);
      }
    });

    it('keeps no more than the daily number of snapshots, and a new window brings a new budget', async () => {
      const monitorId = await createMonitor(db(), org);
      for (let minute = 0; minute < 15; minute++) await check(db(), monitorId, minute, listing(minute, 10));
      let rows = await snapshotsOf(db(), monitorId);
      expect(rows.filter((row) => row.omitted === null)).toHaveLength(SNAPSHOT_LIMITS.perDayCount);
      expect(rows.filter((row) => row.omitted === 'too_frequent')).toHaveLength(5);

      await check(db(), monitorId, 24 * 60 + 1, listing(100, 10));
      rows = await snapshotsOf(db(), monitorId);
      expect(rows.at(-1)).toMatchObject({ omitted: null, tools: listing(100, 10) });
    });

    it('never keeps the tools of a snapshot over the size cap, and counts none of it', async () => {
      const monitorId = await createMonitor(db(), org);
      for (let minute = 0; minute < 4; minute++)
        await check(db(), monitorId, minute, listing(minute, 1024 * KB));
      const rows = await snapshotsOf(db(), monitorId);
      expect(rows).toHaveLength(4);
      expect(rows.every((row) => row.omitted === 'too_large' && row.tools === null)).toBe(true);
      expect(rows[0]!.sizeBytes).toBeGreaterThan(SNAPSHOT_LIMITS.maxBytes);
      expect(keptBytes(rows)).toBe(0);
      // A small listing after them is kept: oversized snapshots spend no budget.
      await check(db(), monitorId, 5, listing(5, 10));
      expect((await snapshotsOf(db(), monitorId)).at(-1)?.omitted).toBeNull();
    });

    it('spends one monitor’s budget only, even within one batch', async () => {
      const busy = await createMonitor(db(), org);
      const quiet = await createMonitor(db(), org);
      const tools = new Map<string, Tool[]>();
      const rows = [];
      for (let minute = 0; minute < 12; minute++) {
        const list = listing(1_000 + minute, 10);
        const hash = computeSchemaHash(list);
        tools.set(hash, list);
        rows.push(
          resultRow(busy, 'eu-west', new Date(START + minute * 60_000), 'up', 40, {
            schemaHash: hash,
            toolCount: 1,
          }),
        );
      }
      const quietList = listing(1_000, 10);
      rows.push(
        resultRow(quiet, 'eu-west', new Date(START + 30 * 60_000), 'up', 40, {
          schemaHash: computeSchemaHash(quietList),
          toolCount: 1,
        }),
      );
      await insertResults(db(), rows, tools);
      const busyRows = await snapshotsOf(db(), busy);
      expect(busyRows.filter((row) => row.omitted === null)).toHaveLength(SNAPSHOT_LIMITS.perDayCount);
      expect(await snapshotsOf(db(), quiet)).toMatchObject([{ omitted: null, tools: quietList }]);
    });
  });
}
