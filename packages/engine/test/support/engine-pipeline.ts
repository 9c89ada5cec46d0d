import { randomBytes } from 'node:crypto';
import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import type { QueueBackend } from '@mcpulse/queue';
import {
  memoryHostGate,
  memoryScheduleMark,
  soleLeadership,
  startIngester,
  startProber,
  startScheduler,
} from '../../src/index.js';

/**
 * The scheduler, a prober of region `local` (the real probe) and ingest on one
 * queue backend, with time running `speed`-fold so a 30 s interval passes in
 * a second: a monitor's checks flow end to end within a test.
 */
export function startEnginePipeline(options: {
  db: Db;
  queues: QueueBackend;
  logger: Logger;
  speed: number;
  /** Opens the monitors' sealed headers and OAuth credentials; a fresh key when the test seals none. */
  secretKey?: Buffer;
  /** The only private ranges directory monitors may reach (their checks obey the hosted policy). */
  allowedTargetCidrs?: string[];
}) {
  const { db, queues, logger } = options;
  const started = Date.now();
  const fast = () => started + (Date.now() - started) * options.speed;
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
    secretKey: options.secretKey ?? randomBytes(32),
    concurrency: 10,
    allowPrivateTargets: true,
    allowedTargetCidrs: options.allowedTargetCidrs ?? [],
    probe: runProbe,
    logger,
    // No rest between two checks of a host: time runs faster here than the gate's clock.
    directory: { concurrency: 10, gate: memoryHostGate(0), aboutUrl: null },
  });
  const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
  return {
    async stop(): Promise<void> {
      await scheduler.stop();
      await prober.stop();
      await ingester.stop();
    },
  };
}
