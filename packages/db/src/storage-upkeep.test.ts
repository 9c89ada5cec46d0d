import { describe, expect, it } from 'vitest';
import { listResultPartitions, partitionName } from './partitions.js';
import { upkeepStorage } from './storage-upkeep.js';
import { DATABASE_KINDS, useDatabase } from './test-support/database-kinds.js';

const DAY_MS = 86_400_000;

for (const kind of DATABASE_KINDS) {
  describe(`storage upkeep on ${kind}`, () => {
    const db = useDatabase(kind);

    it('makes the coming days’ partitions and drops the expired ones, idempotently', async () => {
      const first = new Date('2027-05-01T06:00:00Z');
      await upkeepStorage(db(), first, { resultsDays: 14, deliveriesDays: 30 });
      const made = await listResultPartitions(db());
      for (let day = 0; day <= 7; day += 1) {
        expect(made).toContain(partitionName(new Date(Date.parse('2027-05-01T00:00:00Z') + day * DAY_MS)));
      }

      const later = new Date(first.getTime() + 20 * DAY_MS);
      const outcome = await upkeepStorage(db(), later, { resultsDays: 14, deliveriesDays: 30 });
      expect(outcome.droppedPartitions).toContain('probe_results_20270501');
      expect(outcome.droppedDeliveries).toBe(0);
      expect(await upkeepStorage(db(), later, { resultsDays: 14, deliveriesDays: 30 })).toEqual({
        droppedPartitions: [],
        droppedDeliveries: 0,
      });
    });
  });
}
