import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertResults } from './results/insert-results.js';
import { probeResults, rollups } from './schema/index.js';
import { upkeepStorage } from './storage-upkeep.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from './test-support/database-kinds.js';
import { resultRow } from './test-support/result-rows.js';

const HOUR_MS = 3_600_000;

for (const kind of DATABASE_KINDS) {
  describe(`directory results retention on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    beforeAll(async () => {
      org = await createOrganization(db());
    });

    it('deletes directory monitors’ raw results past their days, keeping users’ results and every rollup', async () => {
      const now = new Date('2027-08-20T12:00:00Z');
      await upkeepStorage(db(), new Date(now.getTime() - 5 * 24 * HOUR_MS), {
        resultsDays: 14,
        deliveriesDays: 30,
      });
      const listed = await createMonitor(db(), DIRECTORY_ORGANIZATION_ID, { name: 'directory' });
      const own = await createMonitor(db(), org, { name: 'user' });
      const slots = [4 * 24, 3 * 24 + 1, 3 * 24 - 1, 2].map(
        (hours) => new Date(now.getTime() - hours * HOUR_MS),
      );
      await insertResults(
        db(),
        [listed, own].flatMap((monitorId) =>
          slots.map((slot) => resultRow(monitorId, 'eu-west', slot, 'up')),
        ),
        new Map(),
      );
      const count = async (monitorId: string) =>
        (await db().select().from(probeResults).where(eq(probeResults.monitorId, monitorId))).length;
      const hourRollups = async (monitorId: string) =>
        (
          await db()
            .select()
            .from(rollups)
            .where(and(eq(rollups.monitorId, monitorId), eq(rollups.granularity, 'hour')))
        ).reduce((sum, row) => sum + row.checks, 0);
      expect(await hourRollups(listed)).toBe(4);

      const retention = { resultsDays: 14, directoryResultsDays: 3, deliveriesDays: 30 };
      const outcome = await upkeepStorage(db(), now, retention);
      expect(outcome.droppedDirectoryResults).toBe(2);
      expect(await count(listed)).toBe(2);
      expect(await count(own)).toBe(4);
      expect(await hourRollups(listed)).toBe(4);
      expect((await upkeepStorage(db(), now, retention)).droppedDirectoryResults).toBe(0);
      // Unset, the directory keeps what everyone keeps.
      expect(
        (await upkeepStorage(db(), now, { resultsDays: 14, deliveriesDays: 30 })).droppedDirectoryResults,
      ).toBe(0);
    });
  });
}
