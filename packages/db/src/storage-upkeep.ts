import type { Executor } from './database.js';
import { dropExpiredDeliveries } from './delivery-retention.js';
import { dropExpiredResults, ensureResultPartitions } from './partitions.js';
import { dropUnreferencedSnapshots } from './snapshot-retention.js';

export interface StorageRetention {
  /** Days of raw results kept. */
  resultsDays: number;
  /** Days finished webhook deliveries are kept. */
  deliveriesDays: number;
}

/**
 * The hourly upkeep of storage, for whichever process owns it (the
 * scheduler's leader, the embedded mode): the coming days' result partitions
 * exist, and expired results, deliveries and unreferenced schema snapshots
 * are gone. Idempotent.
 */
export async function upkeepStorage(
  db: Executor,
  now: Date,
  retention: StorageRetention,
): Promise<{ droppedPartitions: string[]; droppedDeliveries: number; droppedSnapshots: number }> {
  await ensureResultPartitions(db, now);
  const droppedPartitions = await dropExpiredResults(db, now, retention.resultsDays);
  const droppedDeliveries = await dropExpiredDeliveries(db, now, retention.deliveriesDays);
  const droppedSnapshots = await dropUnreferencedSnapshots(db, now);
  return { droppedPartitions, droppedDeliveries, droppedSnapshots };
}
