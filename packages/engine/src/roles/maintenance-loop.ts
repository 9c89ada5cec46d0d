import type { Logger } from '@mcpulse/config';
import { type Db, expandMaintenanceWindows, storeMaintenanceNotices } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import type { Closers } from '../process/shutdown.js';
import { fanOutEvents } from '../webhooks/fan-out-events.js';

/** A window's start is announced within this of its time: often enough, and a cheap indexed query. */
const EVERY_MS = 15_000;

export interface MaintenanceUpkeepOptions {
  db: Db;
  queues: QueueBackend;
  /** Runs only while this says so: the scheduler's leader, or the embedded mode's one process. */
  owns: () => boolean;
  logger: Logger;
  everyMs?: number;
  now?: () => Date;
}

/** One pass: occurrences kept a horizon ahead, then the started/ended events stored and fanned out. */
export async function maintainMaintenance(options: Omit<MaintenanceUpkeepOptions, 'owns' | 'logger'>) {
  const now = options.now?.() ?? new Date();
  const expanded = await expandMaintenanceWindows(options.db, now);
  const notices = await storeMaintenanceNotices(options.db, now);
  // Stored before fanned out: a failed fan-out is repeated by the webhook sender's sweep.
  if (notices.length > 0) await fanOutEvents(options.db, options.queues, notices, now);
  return { expanded, notices: notices.length };
}

/** The leader's maintenance upkeep (docs/maintenance.md): at start, then every 15 s. */
export function startMaintenanceUpkeep(options: MaintenanceUpkeepOptions, closers: Closers): void {
  let running = false;
  const run = async () => {
    if (!options.owns() || running) return;
    running = true;
    try {
      const done = await maintainMaintenance(options);
      if (done.expanded > 0 || done.notices > 0) options.logger.info(done, 'maintenance upkeep');
    } catch (error) {
      options.logger.error({ err: error }, 'maintenance upkeep failed');
    } finally {
      running = false;
    }
  };
  const every = setInterval(() => void run(), options.everyMs ?? EVERY_MS);
  const first = setTimeout(() => void run(), 1_000);
  first.unref();
  closers.add('maintenance upkeep', () => {
    clearInterval(every);
    clearTimeout(first);
  });
}
