import type { Logger } from '@mcpulse/config';
import { dropExpiredResults, ensureResultPartitions, openDatabase } from '@mcpulse/db';
import { redisLeadership, startIngester, startProber, startScheduler } from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend } from '@mcpulse/queue';
import { Redis } from 'ioredis';
import type { IngestEnv, ProbeEnv, SchedulerEnv } from './config.js';

export interface RunningRole {
  /** Stops taking work, lets work in flight finish, closes connections. */
  stop(): Promise<void>;
  ready(): Promise<boolean>;
}

export async function runScheduler(env: SchedulerEnv, logger: Logger): Promise<RunningRole> {
  const database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    poolSize: 4,
    onError: (error) => logger.error({ err: error }, 'database pool error'),
  });
  const queues = createBullmqBackend({ redisUrl: env.REDIS_URL, prefix: env.MCPULSE_QUEUE_PREFIX, logger });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'leadership connection error'));
  const leadership = redisLeadership({ redis, key: `${env.MCPULSE_QUEUE_PREFIX}:scheduler-leader`, logger });
  const scheduler = startScheduler({ db: database.db, queues, leadership, logger });
  // Partition upkeep runs on the leader only, once an hour: cheap and idempotent.
  const maintain = async () => {
    if (!leadership.isLeader()) return;
    try {
      const now = new Date();
      await ensureResultPartitions(database.db, now);
      const dropped = await dropExpiredResults(database.db, now, env.MCPULSE_RESULTS_RETENTION_DAYS);
      if (dropped.length) logger.info({ dropped }, 'dropped expired result partitions');
    } catch (error) {
      logger.error({ err: error }, 'partition maintenance failed');
    }
  };
  const maintenance = setInterval(() => void maintain(), 3_600_000);
  setTimeout(() => void maintain(), 15_000).unref();
  return {
    async stop() {
      clearInterval(maintenance);
      await scheduler.stop();
      redis.disconnect();
      await queues.close();
      await database.close();
    },
    async ready() {
      await database.ping();
      await queues.ping();
      return true;
    },
  };
}

export async function runIngest(env: IngestEnv, logger: Logger): Promise<RunningRole> {
  const database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    poolSize: 4,
    onError: (error) => logger.error({ err: error }, 'database pool error'),
  });
  const queues = createBullmqBackend({ redisUrl: env.REDIS_URL, prefix: env.MCPULSE_QUEUE_PREFIX, logger });
  const ingester = startIngester({
    db: database.db,
    queues,
    logger,
    maxBatch: env.MCPULSE_INGEST_BATCH,
    maxWaitMs: env.MCPULSE_INGEST_WAIT_MS,
  });
  return {
    async stop() {
      await ingester.stop();
      await queues.close();
      await database.close();
    },
    async ready() {
      await database.ping();
      await queues.ping();
      return true;
    },
  };
}

export async function runProbeWorker(env: ProbeEnv, region: string, logger: Logger): Promise<RunningRole> {
  const queues = createBullmqBackend({ redisUrl: env.REDIS_URL, prefix: env.MCPULSE_QUEUE_PREFIX, logger });
  const prober = startProber({
    region,
    queues,
    secretKey: env.MCPULSE_SECRET_KEY,
    concurrency: env.MCPULSE_PROBE_CONCURRENCY,
    lockMs: env.MCPULSE_PROBE_LOCK_MS,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    probe: runProbe,
    logger,
  });
  return {
    async stop() {
      await prober.stop();
      await queues.close();
    },
    async ready() {
      await queues.ping();
      return true;
    },
  };
}
