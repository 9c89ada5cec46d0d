import type { Logger } from '@mcpulse/config';
import { type Db, refreshDirectorySummaries } from '@mcpulse/db';
import type { Closers } from '../process/shutdown.js';

/** As often as a directory endpoint is checked by default: the list is never more than a cadence behind. */
export const DIRECTORY_SUMMARIES_EVERY_MS = 300_000;
const FIRST_RUN_MS = 10_000;

export interface DirectorySummariesOptions {
  db: Db;
  /** Refreshes run only while this says so: the scheduler's leader, or the embedded mode's one process. */
  owns: () => boolean;
  logger: Logger;
  everyMs?: number;
  firstRunMs?: number;
}

/**
 * Keeps the public directory list's table (docs/directory.md, "Pages and API") current. A run never
 * overlaps the previous one: with 10,000 endpoints one run takes seconds, and a slow database must
 * not pile them up.
 */
export function startDirectorySummaries(options: DirectorySummariesOptions, closers: Closers): void {
  const { db, logger } = options;
  let running = false;
  const refresh = async () => {
    if (running || !options.owns()) return;
    running = true;
    try {
      const started = Date.now();
      const { endpoints } = await refreshDirectorySummaries(db, new Date());
      if (endpoints > 0)
        logger.info({ endpoints, ms: Date.now() - started }, 'directory summaries refreshed');
    } catch (error) {
      logger.error({ err: error }, 'directory summaries refresh failed');
    } finally {
      running = false;
    }
  };
  const every = setInterval(() => void refresh(), options.everyMs ?? DIRECTORY_SUMMARIES_EVERY_MS);
  const first = setTimeout(() => void refresh(), options.firstRunMs ?? FIRST_RUN_MS);
  every.unref();
  first.unref();
  closers.add('directory summaries', () => {
    clearInterval(every);
    clearTimeout(first);
  });
}
