import type { Executor } from './database.js';
import { dropExpiredDeliveries } from './delivery-retention.js';
import { dropExpiredDirectoryResults } from './directory-retention.js';
import { dropExpiredResults, ensureResultPartitions } from './partitions.js';
import { dropLapsedSubscribers } from './queries/status-page-subscribers/page-subscribers.js';
import { dropUnreferencedSnapshots } from './snapshot-retention.js';

export interface StorageRetention {
  /** Days of raw results kept. */
  resultsDays: number;
  /** Days of the directory monitors' raw results kept (fewer: they are thousands); `resultsDays` when unset. */
  directoryResultsDays?: number;
  /** Days finished webhook deliveries are kept. */
  deliveriesDays: number;
}

/**
 * The hourly upkeep of storage, for whichever process owns it (the
 * scheduler's leader, the embedded mode): the coming days' result partitions
 * exist, and expired results, deliveries, unreferenced schema snapshots and
 * status page subscribers unconfirmed for a day are gone. Idempotent.
 */
export async function upkeepStorage(
  db: Executor,
  now: Date,
  retention: StorageRetention,
): Promise<{
  droppedPartitions: string[];
  droppedDirectoryResults: number;
  droppedDeliveries: number;
  droppedSnapshots: number;
  droppedSubscribers: number;
}> {
  await ensureResultPartitions(db, now);
  const droppedPartitions = await dropExpiredResults(db, now, retention.resultsDays);
  const directoryDays = retention.directoryResultsDays ?? retention.resultsDays;
  const droppedDirectoryResults =
    directoryDays < retention.resultsDays ? await dropExpiredDirectoryResults(db, now, directoryDays) : 0;
  const droppedDeliveries = await dropExpiredDeliveries(db, now, retention.deliveriesDays);
  const droppedSnapshots = await dropUnreferencedSnapshots(db, now);
  // Status page subscribers that never confirmed within a day (docs/status-pages.md).
  const droppedSubscribers = await dropLapsedSubscribers(db, now);
  return {
    droppedPartitions,
    droppedDirectoryResults,
    droppedDeliveries,
    droppedSnapshots,
    droppedSubscribers,
  };
}
