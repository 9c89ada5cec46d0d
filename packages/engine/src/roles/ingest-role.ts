import type { Logger } from '@mcpulse/config';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { ingestMetrics, poolMetrics } from '../metrics/role-metrics.js';
import type { Closers } from '../process/shutdown.js';
import { connectionsReady, openConnections, type QueueSettings } from './connections.js';
import { startIngestWithFanOut } from './ingest-with-fan-out.js';
import type { RunningRole } from './running-role.js';

export interface IngestRoleSettings extends QueueSettings {
  databaseUrl: string;
  /** Results written per statement at most. */
  maxBatch: number;
  /** How long a partial batch waits for more. */
  maxWaitMs: number;
  /** Re-checks after a result that would change a monitor's status; null: off. */
  recheckDelayMs: number | null;
  /** The process's metrics, which ingest adds its batches and its pool to. */
  metrics?: ProcessMetrics;
}

export async function runIngestRole(
  settings: IngestRoleSettings,
  logger: Logger,
  closers: Closers,
): Promise<RunningRole> {
  const connections = await openConnections(settings, logger, closers, { poolSize: 4 });
  startIngestWithFanOut(
    {
      db: connections.database.db,
      queues: connections.queues,
      logger,
      maxBatch: settings.maxBatch,
      maxWaitMs: settings.maxWaitMs,
      recheckDelayMs: settings.recheckDelayMs,
      ...(settings.metrics ? { metrics: ingestMetrics(settings.metrics) } : {}),
    },
    closers,
  );
  if (settings.metrics) poolMetrics(settings.metrics, () => connections.database.pool());
  return { ready: () => connectionsReady(connections), describe: () => ({}) };
}
