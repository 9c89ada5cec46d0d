import type { Logger } from '@mcpulse/config';
import { type DatabaseHandle, openDatabase, upkeepStorage } from '@mcpulse/db';
import {
  fanOutEvents,
  redisLeadership,
  redisScheduleMark,
  startIngester,
  startProber,
  startScheduler,
  startWebhookSender,
} from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend, type QueueBackend } from '@mcpulse/queue';
import { Redis } from 'ioredis';
import type { IngestEnv, ProbeEnv, SchedulerEnv, WebhooksEnv } from './config.js';

export interface RunningRole {
  /** Stops taking work, lets work in flight finish, closes connections. */
  stop(): Promise<void>;
  ready(): Promise<boolean>;
}

/**
 * How long a finished probe or result job's id still deduplicates. A slot comes back only through a
 * scheduler hand-over (seconds) or a probe job redelivered after its lock expired (about two lock
 * periods), and ingest is idempotent besides; the queue's one-hour default would keep 2.4 million
 * finished jobs (gigabytes of Redis) at 20,000 monitors a minute.
 */
const CHECK_DEDUPE_WINDOW_MS = 10 * 60_000;

interface Connections {
  database: DatabaseHandle;
  queues: QueueBackend;
}

/** Postgres and the queues, as every role that touches the database opens them. */
async function connect(
  env: { DATABASE_URL: string; REDIS_URL: string; MCPULSE_QUEUE_PREFIX: string },
  logger: Logger,
  options: { poolSize: number; dedupeWindowMs?: number },
): Promise<Connections> {
  const database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    poolSize: options.poolSize,
    onError: (error) => logger.error({ err: error }, 'database pool error'),
  });
  const queues = createBullmqBackend({
    redisUrl: env.REDIS_URL,
    prefix: env.MCPULSE_QUEUE_PREFIX,
    logger,
    ...(options.dedupeWindowMs ? { dedupeWindowMs: options.dedupeWindowMs } : {}),
  });
  return { database, queues };
}

/** A role over `connect`'s connections: `stop` ends the role's own work first, then closes them. */
function roleOver({ database, queues }: Connections, stopWork: () => Promise<void>): RunningRole {
  return {
    async stop() {
      await stopWork();
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

export async function runScheduler(env: SchedulerEnv, logger: Logger): Promise<RunningRole> {
  const connections = await connect(env, logger, { poolSize: 4, dedupeWindowMs: CHECK_DEDUPE_WINDOW_MS });
  const { database, queues } = connections;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'leadership connection error'));
  const leadership = redisLeadership({ redis, key: `${env.MCPULSE_QUEUE_PREFIX}:scheduler-leader`, logger });
  const mark = redisScheduleMark(redis, `${env.MCPULSE_QUEUE_PREFIX}:scheduler-until`);
  const scheduler = startScheduler({ db: database.db, queues, leadership, mark, logger });
  // Upkeep runs on the leader only, once an hour: cheap and idempotent.
  const maintain = async () => {
    if (!leadership.isLeader()) return;
    try {
      const { droppedPartitions, droppedDeliveries, droppedSnapshots } = await upkeepStorage(
        database.db,
        new Date(),
        {
          resultsDays: env.MCPULSE_RESULTS_RETENTION_DAYS,
          deliveriesDays: env.MCPULSE_DELIVERY_RETENTION_DAYS,
        },
      );
      if (droppedPartitions.length) logger.info({ droppedPartitions }, 'dropped expired result partitions');
      if (droppedDeliveries > 0) logger.info({ droppedDeliveries }, 'dropped expired webhook deliveries');
      if (droppedSnapshots > 0) logger.info({ droppedSnapshots }, 'dropped unreferenced schema snapshots');
    } catch (error) {
      logger.error({ err: error }, 'upkeep failed');
    }
  };
  const maintenance = setInterval(() => void maintain(), 3_600_000);
  setTimeout(() => void maintain(), 15_000).unref();
  return roleOver(connections, async () => {
    clearInterval(maintenance);
    await scheduler.stop();
    redis.disconnect();
  });
}

export async function runIngest(env: IngestEnv, logger: Logger): Promise<RunningRole> {
  const connections = await connect(env, logger, { poolSize: 4 });
  const { database, queues } = connections;
  const ingester = startIngester({
    db: database.db,
    queues,
    logger,
    maxBatch: env.MCPULSE_INGEST_BATCH,
    maxWaitMs: env.MCPULSE_INGEST_WAIT_MS,
    recheckDelayMs: env.MCPULSE_RECHECK_DELAY_SECONDS,
    onEvents: async (events) => {
      await fanOutEvents(database.db, queues, events);
    },
  });
  return roleOver(connections, () => ingester.stop());
}

export async function runProbeWorker(env: ProbeEnv, region: string, logger: Logger): Promise<RunningRole> {
  const queues = createBullmqBackend({
    redisUrl: env.REDIS_URL,
    prefix: env.MCPULSE_QUEUE_PREFIX,
    logger,
    dedupeWindowMs: CHECK_DEDUPE_WINDOW_MS,
  });
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

/**
 * Sends webhooks: a role of its own because it talks to arbitrary URLs on the
 * internet, so it scales with receivers' slowness rather than with ingest, and
 * can be given its own egress rules.
 */
export async function runWebhooks(env: WebhooksEnv, logger: Logger): Promise<RunningRole> {
  // Attempts claim and log in shared statements, but a burst of a thousand still keeps many in flight.
  const connections = await connect(env, logger, { poolSize: 20 });
  const sender = startWebhookSender({
    db: connections.database.db,
    queues: connections.queues,
    secretKey: env.MCPULSE_SECRET_KEY,
    concurrency: env.MCPULSE_WEBHOOK_CONCURRENCY,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    logger,
  });
  return roleOver(connections, () => sender.stop());
}
