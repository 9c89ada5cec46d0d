import type { Logger } from '@mcpulse/config';
import { type DatabaseHandle, openDatabase } from '@mcpulse/db';
import { createBullmqBackend, type QueueBackend } from '@mcpulse/queue';
import type { Closers } from '../process/shutdown.js';

/**
 * How long a finished probe or result job's id still deduplicates. A slot comes back only through a
 * scheduler hand-over (seconds) or a probe job redelivered after its lock expired (about two lock
 * periods), and ingest is idempotent besides; the queue's one-hour default would keep 2.4 million
 * finished jobs (gigabytes of Redis) at 20,000 monitors a minute.
 */
export const CHECK_DEDUPE_WINDOW_MS = 10 * 60_000;

/** Where the distributed roles find the queues. */
export interface QueueSettings {
  redisUrl: string;
  queuePrefix: string;
}

export interface Connections {
  database: DatabaseHandle;
  queues: QueueBackend;
}

/** The queues in Redis; closed after the work registered later has stopped. */
export function openQueues(
  settings: QueueSettings,
  logger: Logger,
  closers: Closers,
  dedupeWindowMs?: number,
): QueueBackend {
  const queues = createBullmqBackend({
    redisUrl: settings.redisUrl,
    prefix: settings.queuePrefix,
    logger,
    ...(dedupeWindowMs ? { dedupeWindowMs } : {}),
  });
  closers.add('queues', () => queues.close());
  return queues;
}

/** Postgres and the queues, as every role that touches the database opens them. */
export async function openConnections(
  settings: QueueSettings & { databaseUrl: string },
  logger: Logger,
  closers: Closers,
  options: { poolSize: number; dedupeWindowMs?: number },
): Promise<Connections> {
  const database = await openDatabase({
    kind: 'postgres',
    url: settings.databaseUrl,
    poolSize: options.poolSize,
    onError: (error) => logger.error({ err: error }, 'database pool error'),
  });
  closers.add('database', () => database.close());
  const queues = openQueues(settings, logger, closers, options.dedupeWindowMs);
  return { database, queues };
}

/** Ready while Postgres and the queues both answer. */
export async function connectionsReady({ database, queues }: Connections): Promise<boolean> {
  await database.ping();
  await queues.ping();
  return true;
}
