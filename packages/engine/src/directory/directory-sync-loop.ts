import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { z } from 'zod';
import type { Closers } from '../process/shutdown.js';
import { type DirectorySyncOutcome, type DirectorySyncSettings, runDirectorySync } from './directory-sync.js';

/** Where an operator's "sync now" goes: any scheduler process (or the embedded one) takes it. */
export const DIRECTORY_SYNC_QUEUE = 'directory-sync';
export const directorySyncJobSchema = z.object({ requestedAt: z.iso.datetime() });
export type DirectorySyncJob = z.infer<typeof directorySyncJobSchema>;

// One request waiting is enough: more requests before it runs ask for the same sync.
const REQUEST_JOB_ID = 'directory-sync-request';
const CHECK_EVERY_MS = 5_000;

/** Asks for a sync at once (the operator API); requests made while one waits are one request. */
export async function requestDirectorySync(queues: QueueBackend, now: Date): Promise<void> {
  await queues
    .producer<DirectorySyncJob>(DIRECTORY_SYNC_QUEUE, directorySyncJobSchema)
    .add({ requestedAt: now.toISOString() }, { jobId: REQUEST_JOB_ID, dedupeWindowMs: 0 });
}

export interface DirectorySyncLoopOptions {
  db: Db;
  queues: QueueBackend;
  settings: DirectorySyncSettings & { syncIntervalSeconds: number };
  /** Scheduled syncs run only while this says so: the scheduler's leader, or the embedded process. */
  owns: () => boolean;
  logger: Logger;
  /** Told after a sync that reconciled, so the scheduler reads the directory's monitors at once. */
  onSynced?: (outcome: DirectorySyncOutcome) => void;
  now?: () => Date;
}

export interface DirectorySyncLoop {
  /** Runs a sync now, or waits for the one running and runs once more after it. */
  runNow(): Promise<DirectorySyncOutcome>;
}

/**
 * The directory's sync: at start-up once this process leads, then every
 * `syncIntervalSeconds` while it leads, and whenever an operator asks. One sync at a time in a
 * process; across processes the advisory locks serialize the writes. With no registry
 * configured nothing runs at all.
 */
export function startDirectorySync(options: DirectorySyncLoopOptions, closers: Closers): DirectorySyncLoop {
  const { db, settings, logger } = options;
  const now = options.now ?? (() => new Date());
  let running: Promise<DirectorySyncOutcome> | null = null;
  let again: Promise<DirectorySyncOutcome> | null = null;
  let lastStartMs: number | null = null;
  let stopped = false;

  const once = async (): Promise<DirectorySyncOutcome> => {
    lastStartMs = now().getTime();
    const outcome = await runDirectorySync(db, settings, logger, now);
    if (outcome.reconciled) options.onSynced?.(outcome);
    return outcome;
  };
  const runNow = (): Promise<DirectorySyncOutcome> => {
    if (running === null) {
      running = once().finally(() => {
        running = null;
      });
      return running;
    }
    again ??= running
      .catch(() => undefined)
      .then(() => {
        again = null;
        return runNow();
      });
    return again;
  };

  if (settings.registryUrls.length === 0) {
    logger.info('no registry configured (MCPULSE_REGISTRY_URLS): the directory is not synced');
    return { runNow: () => Promise.resolve({ registries: [], reconciled: null }) };
  }

  const tick = () => {
    if (stopped || running !== null || !options.owns()) return;
    const due = lastStartMs === null || now().getTime() - lastStartMs >= settings.syncIntervalSeconds * 1000;
    if (!due) return;
    runNow().catch((error: unknown) => logger.error({ err: error }, 'directory sync failed'));
  };
  const timer = setInterval(tick, CHECK_EVERY_MS);
  const first = setTimeout(tick, 0);
  const consumer = options.queues.consume<DirectorySyncJob>(
    DIRECTORY_SYNC_QUEUE,
    directorySyncJobSchema,
    async (job) => {
      logger.info({ requestedAt: job.data.requestedAt }, 'directory sync requested');
      await runNow();
    },
    { concurrency: 1, lockMs: 600_000 },
  );
  closers.add('directory sync', async () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(first);
    await consumer.close();
    await (running as Promise<DirectorySyncOutcome> | null)?.catch(() => undefined);
  });
  return { runNow };
}
