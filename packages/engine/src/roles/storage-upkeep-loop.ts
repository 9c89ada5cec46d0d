import type { Logger } from '@mcpulse/config';
import { type Db, type StorageRetention, upkeepStorage } from '@mcpulse/db';
import type { Closers } from '../process/shutdown.js';

const FIRST_RUN_MS = 15_000;
const EVERY_MS = 3_600_000;

export interface StorageUpkeepOptions {
  db: Db;
  retention: StorageRetention;
  /** Upkeep runs only while this says so: the scheduler's leader, or the embedded mode's one process. */
  owns: () => boolean;
  logger: Logger;
}

/** Storage upkeep (partitions ahead, retention) soon after start, then once an hour: cheap and idempotent. */
export function startStorageUpkeep(options: StorageUpkeepOptions, closers: Closers): void {
  const { db, retention, logger } = options;
  const maintain = async () => {
    if (!options.owns()) return;
    try {
      const { droppedPartitions, droppedDeliveries, droppedSubscribers } = await upkeepStorage(
        db,
        new Date(),
        retention,
      );
      if (droppedPartitions.length) logger.info({ droppedPartitions }, 'dropped expired result partitions');
      if (droppedDeliveries > 0) logger.info({ droppedDeliveries }, 'dropped expired webhook deliveries');
      if (droppedSubscribers > 0)
        logger.info(
          { droppedSubscribers },
          'dropped status page subscribers that lapsed (unconfirmed for a day, or disabled)',
        );
    } catch (error) {
      logger.error({ err: error }, 'upkeep failed');
    }
  };
  const hourly = setInterval(() => void maintain(), EVERY_MS);
  const first = setTimeout(() => void maintain(), FIRST_RUN_MS);
  first.unref();
  closers.add('storage upkeep', () => {
    clearInterval(hourly);
    clearTimeout(first);
  });
}
