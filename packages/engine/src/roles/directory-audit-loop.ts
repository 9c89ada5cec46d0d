import type { Logger } from '@mcpulse/config';
import { type Db, upkeepAuditDays } from '@mcpulse/db';
import type { Closers } from '../process/shutdown.js';

const FIRST_RUN_MS = 20_000;
/** Often enough that the day just ended is counted to its last check soon after midnight. */
const EVERY_MS = 600_000;

export interface DirectoryAuditUpkeepOptions {
  db: Db;
  /** Runs only while this says so: the scheduler's leader, or the embedded mode's one process. */
  owns: () => boolean;
  logger: Logger;
  /** When the first run and the next ones come; the defaults unless a test sets them. */
  firstRunMs?: number;
  everyMs?: number;
}

/** The audit's daily series (docs/directory.md, "Audit"): soon after start, then every 10 minutes. */
export function startDirectoryAuditUpkeep(options: DirectoryAuditUpkeepOptions, closers: Closers): void {
  const { db, logger } = options;
  let running = false;
  const maintain = async () => {
    // A slow run (thousands of endpoints on a busy database) is never overlapped by the next.
    if (!options.owns() || running) return;
    running = true;
    try {
      const written = await upkeepAuditDays(db, new Date());
      logger.debug({ written }, 'directory audit days written');
    } catch (error) {
      logger.error({ err: error }, 'directory audit upkeep failed');
    } finally {
      running = false;
    }
  };
  const every = setInterval(() => void maintain(), options.everyMs ?? EVERY_MS);
  const first = setTimeout(() => void maintain(), options.firstRunMs ?? FIRST_RUN_MS);
  first.unref();
  closers.add('directory audit upkeep', () => {
    clearInterval(every);
    clearTimeout(first);
  });
}
