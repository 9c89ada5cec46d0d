import type { Logger } from '@mcpulse/config';
import { type DatabaseHandle, openDatabase } from '@mcpulse/db';
import { createBullmqBackend, type QueueBackend } from '@mcpulse/queue';
import type { Closers } from '../process/shutdown.js';

/** Where the distributed roles find the queues. */
export interface QueueSettings {
  redisUrl: string;
  queuePrefix: string;
}

export interface Connections {
  database: DatabaseHandle;
  queues: QueueBackend;
}

/**
 * The queues in Redis; closed after the work registered later has stopped. How long a finished
 * job's id is remembered is each producer's (JOB_POLICIES), not the connection's.
 */
export function openQueues(settings: QueueSettings, logger: Logger, closers: Closers): QueueBackend {
  const queues = createBullmqBackend({ redisUrl: settings.redisUrl, prefix: settings.queuePrefix, logger });
  closers.add('queues', () => queues.close());
  return queues;
}

/** Postgres and the queues, as every role that touches the database opens them. */
export async function openConnections(
  settings: QueueSettings & { databaseUrl: string },
  logger: Logger,
  closers: Closers,
  options: { poolSize: number },
): Promise<Connections> {
  const database = await openDatabase({
    kind: 'postgres',
    url: settings.databaseUrl,
    poolSize: options.poolSize,
    onError: (error) => logger.error({ err: error }, 'database pool error'),
  });
  closers.add('database', () => database.close());
  const queues = openQueues(settings, logger, closers);
  return { database, queues };
}

/** Ready while Postgres and the queues both answer. */
export async function connectionsReady({ database, queues }: Connections): Promise<boolean> {
  await database.ping();
  await queues.ping();
  return true;
}
