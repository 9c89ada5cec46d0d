import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import type { QueueBackend } from '@mcpulse/queue';
import {
  memoryScheduleMark,
  soleLeadership,
  startIngester,
  startProber,
  startScheduler,
} from '../../src/index.js';

/**
 * The scheduler, one `local` region's prober and ingest on one queue backend, at thirty-fold
 * time (a 30 s interval passes every second), so a test sees many slots quickly.
 */
export function startFastEngine(options: {
  db: Db;
  queues: QueueBackend;
  secretKey: Buffer;
  logger: Logger;
}) {
  const { db, queues, logger } = options;
  const started = Date.now();
  const fast = () => started + (Date.now() - started) * 30;
  const scheduler = startScheduler({
    db,
    queues,
    leadership: soleLeadership(),
    mark: memoryScheduleMark(),
    logger,
    now: fast,
    tickMs: 100,
    lookaheadMs: 0,
  });
  const prober = startProber({
    region: 'local',
    queues,
    secretKey: options.secretKey,
    concurrency: 10,
    allowPrivateTargets: true,
    probe: runProbe,
    logger,
  });
  const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
  return {
    async stop() {
      await scheduler.stop();
      await prober.stop();
      await ingester.stop();
      await queues.close();
    },
  };
}
