import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { startIngester } from '../ingest/ingester.js';
import type { IngestMetrics } from '../metrics/role-metrics.js';
import type { Closers } from '../process/shutdown.js';
import { fanOutEvents } from '../webhooks/fan-out-events.js';

export interface IngestWithFanOutOptions {
  db: Db;
  queues: QueueBackend;
  logger: Logger;
  maxBatch?: number;
  maxWaitMs?: number;
  /** How long after a result that would change a monitor's status its region checks again; null: never. */
  recheckDelayMs: number | null;
  /** Where batches are counted and timed (the process's `/metrics`). */
  metrics?: IngestMetrics;
}

/** Ingest, with every state change it stores fanned out to the organisation's webhook endpoints. */
export function startIngestWithFanOut(options: IngestWithFanOutOptions, closers: Closers): void {
  const { db, queues } = options;
  const ingester = startIngester({
    db,
    queues,
    logger: options.logger,
    recheckDelayMs: options.recheckDelayMs,
    ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
    ...(options.maxWaitMs ? { maxWaitMs: options.maxWaitMs } : {}),
    ...(options.metrics ? { onBatch: options.metrics.batch.bind(options.metrics) } : {}),
    onEvents: async (events) => {
      await fanOutEvents(db, queues, events);
    },
  });
  closers.add('ingest', () => ingester.stop());
}
