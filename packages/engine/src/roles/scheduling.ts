import type { Logger } from '@mcpulse/config';
import type { Db, StorageRetention } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { type DirectorySyncLoopOptions, startDirectorySync } from '../directory/directory-sync-loop.js';
import type { Closers } from '../process/shutdown.js';
import type { Leadership } from '../scheduler/leadership.js';
import type { ScheduleMark } from '../scheduler/schedule-mark.js';
import { type Scheduler, startScheduler } from '../scheduler/scheduler.js';
import { startDirectoryAuditUpkeep } from './directory-audit-loop.js';
import { startDirectorySummaries } from './directory-summaries-loop.js';
import { startMaintenanceUpkeep } from './maintenance-loop.js';
import { startStorageUpkeep } from './storage-upkeep-loop.js';

export interface SchedulingOptions {
  db: Db;
  queues: QueueBackend;
  leadership: Leadership;
  /** Where the schedule has been enqueued up to, so a new leader replays what fell due meanwhile. */
  mark: ScheduleMark;
  retention: StorageRetention;
  logger: Logger;
  /** The public directory's registry sync (docs/directory.md); none when unset. */
  directory?: DirectorySyncLoopOptions['settings'];
}

/**
 * What the leader does: enqueue every due check, keep storage (partitions, retention), keep
 * maintenance occurrences expanded and announce them, write the directory audit's daily series and
 * the directory list's summaries, and sync the public directory from its registries.
 */
export function startScheduling(options: SchedulingOptions, closers: Closers): Scheduler {
  const { db, queues, leadership, mark, logger } = options;
  const scheduler = startScheduler({ db, queues, leadership, mark, logger });
  closers.add('scheduler', () => scheduler.stop());
  startStorageUpkeep(
    { db, retention: options.retention, owns: () => leadership.isLeader(), logger },
    closers,
  );
  startDirectoryAuditUpkeep({ db, owns: () => leadership.isLeader(), logger }, closers);
  startMaintenanceUpkeep({ db, queues, owns: () => leadership.isLeader(), logger }, closers);
  if (options.directory) {
    startDirectorySync(
      {
        db,
        queues,
        settings: options.directory,
        owns: () => leadership.isLeader(),
        logger,
        onSynced: () => scheduler.refresh(),
      },
      closers,
    );
  }
  startDirectorySummaries({ db, owns: () => leadership.isLeader(), logger }, closers);
  return scheduler;
}
