import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import type { Consumer, QueueBackend } from '@mcpulse/queue';
import { enqueueChecks } from '../checks/enqueue-checks.js';
import { RESULTS_QUEUE, resultJobSchema } from '../job-catalog.js';
import type { StoredEvent } from './effects-store.js';
import { ingestBatch } from './ingest-batch.js';

export interface IngesterOptions {
  db: Db;
  queues: QueueBackend;
  logger: Logger;
  maxBatch?: number;
  maxWaitMs?: number;
  /**
   * How long after a result that would change a monitor's status its region
   * checks again (the other regions check at once); null: no re-checks, a
   * change is confirmed over the monitor's cadence only.
   */
  recheckDelayMs: number | null;
  /** Called after commit with the events the batch produced (webhook fan-out). */
  onEvents?: (events: StoredEvent[]) => Promise<void>;
  /** Told of each batch stored (its counts) or failed (null), and how long storing it took (metrics). */
  onBatch?: (
    outcome: { received: number; stored: number; dropped: number; rejected: number; parked: number } | null,
    ms: number,
  ) => void;
  now?: () => Date;
}

export interface Ingester {
  stop(): Promise<void>;
  /** `failed`: batches that threw and were redelivered whole (each retry of one counts). */
  stats(): {
    batches: number;
    failed: number;
    stored: number;
    dropped: number;
    rejected: number;
    parked: number;
  };
}

/**
 * Takes results from the queue in batches. A result the database refuses is
 * isolated and stored as a failure, or parked (logged, then dropped from the
 * queue); a batch that fails for another reason (the database is down) is
 * redelivered whole, which is safe because ingest is idempotent.
 */
export function startIngester(options: IngesterOptions): Ingester {
  const totals = { batches: 0, failed: 0, stored: 0, dropped: 0, rejected: 0, parked: 0 };
  const consumer: Consumer = options.queues.consumeBatch(
    RESULTS_QUEUE,
    resultJobSchema,
    async (jobs) => {
      const now = options.now?.() ?? new Date();
      const started = performance.now();
      const outcome = await ingestBatch(
        options.db,
        jobs.map((job) => job.data),
        now,
        { recheckDelayMs: options.recheckDelayMs },
      ).catch((error: unknown) => {
        totals.failed++;
        options.onBatch?.(null, performance.now() - started);
        throw error;
      });
      options.onBatch?.(
        {
          received: outcome.received,
          stored: outcome.stored,
          dropped: outcome.dropped,
          rejected: outcome.rejected.length,
          parked: outcome.parked.length,
        },
        performance.now() - started,
      );
      // After the commit: a re-check enqueued for a batch that then failed would run twice.
      if (outcome.checks.length > 0) await enqueueChecks(options.queues, outcome.checks, now.getTime());
      totals.batches++;
      totals.stored += outcome.stored;
      totals.dropped += outcome.dropped;
      totals.rejected += outcome.rejected.length;
      totals.parked += outcome.parked.length;
      for (const result of outcome.rejected) {
        options.logger.warn(result, 'result refused by the database, stored as a failure');
      }
      for (const result of outcome.parked) {
        options.logger.error(result, 'result refused by the database, even as a failure: parked');
      }
      if (outcome.events.length > 0) {
        options.logger.info(
          { events: outcome.events.map((event) => ({ type: event.type, monitorId: event.monitorId })) },
          'monitor events',
        );
        await options.onEvents?.(outcome.events);
      }
    },
    { maxBatch: options.maxBatch ?? 500, maxWaitMs: options.maxWaitMs ?? 200 },
  );
  return { stop: () => consumer.close(), stats: () => ({ ...totals }) };
}
