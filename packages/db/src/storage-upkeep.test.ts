import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './database.js';
import { listResultPartitions, partitionName } from './partitions.js';
import { events, legacySchemaSnapshots, monitorState, monitors, schemaSnapshots } from './schema/index.js';
import { upkeepStorage } from './storage-upkeep.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from './test-support/database-kinds.js';

const DAY_MS = 86_400_000;
const RETENTION = { resultsDays: 14, deliveriesDays: 30 };

const hash = (letter: string) => letter.repeat(64);

async function hashesOf(db: Db, monitorId: string): Promise<string[]> {
  const rows = await db
    .select({ hash: schemaSnapshots.hash })
    .from(schemaSnapshots)
    .where(eq(schemaSnapshots.monitorId, monitorId));
  return rows.map((row) => row.hash[0] ?? '').sort();
}

for (const kind of DATABASE_KINDS) {
  describe(`storage upkeep on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    beforeAll(async () => {
      org = await createOrganization(db());
    });

    it('makes the coming days’ partitions and drops the expired ones, idempotently', async () => {
      const first = new Date('2027-05-01T06:00:00Z');
      await upkeepStorage(db(), first, RETENTION);
      const made = await listResultPartitions(db());
      for (let day = 0; day <= 7; day += 1) {
        expect(made).toContain(partitionName(new Date(Date.parse('2027-05-01T00:00:00Z') + day * DAY_MS)));
      }

      const later = new Date(first.getTime() + 20 * DAY_MS);
      const outcome = await upkeepStorage(db(), later, RETENTION);
      expect(outcome.droppedPartitions).toContain('probe_results_20270501');
      expect(outcome.droppedDeliveries).toBe(0);
      expect(await upkeepStorage(db(), later, RETENTION)).toEqual({
        droppedPartitions: [],
        droppedDirectoryResults: 0,
        droppedDeliveries: 0,
        droppedSnapshots: 0,
        droppedSubscribers: 0,
      });
    });

    it('removes the snapshots nothing refers to, and deleting a monitor deletes its own', async () => {
      const now = new Date('2027-06-10T12:00:00Z');
      const old = new Date(now.getTime() - 3 * DAY_MS);
      const recent = new Date(now.getTime() - 3_600_000);
      const monitorId = await createMonitor(db(), org);
      const otherId = await createMonitor(db(), org);
      const snapshot = (monitor: string, letter: string, firstSeenAt: Date) => ({
        monitorId: monitor,
        hash: hash(letter),
        tools: [],
        toolCount: 0,
        sizeBytes: 2,
        firstSeenAt,
      });
      await db()
        .insert(schemaSnapshots)
        .values([
          snapshot(monitorId, 'a', old), // confirmed
          snapshot(monitorId, 'b', old), // candidate
          snapshot(monitorId, 'c', old), // the side of a drift
          snapshot(monitorId, 'd', old), // nothing refers to it: goes
          snapshot(monitorId, 'e', recent), // unreferenced but still within its budget window
          snapshot(otherId, 'a', old), // the other monitor does not refer to its own a: goes
        ]);
      await db()
        .insert(monitorState)
        .values({ monitorId, status: 'up', schemaHash: hash('a'), candidateSchemaHash: hash('b') });
      await db()
        .insert(events)
        .values({
          organizationId: org,
          monitorId,
          type: 'schema.drift',
          occurredAt: old,
          dedupeKey: `drift:${monitorId}`,
          payload: { fromHash: hash('c'), toHash: hash('a') },
        });
      await db()
        .insert(legacySchemaSnapshots)
        .values([
          { hash: hash('a'), tools: [], toolCount: 0, firstSeenAt: old },
          { hash: hash('f'), tools: [], toolCount: 0, firstSeenAt: old },
        ]);

      const outcome = await upkeepStorage(db(), now, RETENTION);
      expect(outcome.droppedSnapshots).toBe(3);
      expect(await hashesOf(db(), monitorId)).toEqual(['a', 'b', 'c', 'e']);
      expect(await hashesOf(db(), otherId)).toEqual([]);
      const shared = await db().select({ hash: legacySchemaSnapshots.hash }).from(legacySchemaSnapshots);
      expect(shared.map((row) => row.hash)).toEqual([hash('a')]);

      await db().delete(monitors).where(eq(monitors.id, monitorId));
      expect(await hashesOf(db(), monitorId)).toEqual([]);
    });
  });
}
