import type { Logger } from '@mcpulse/config';
import type { StorageRetention } from '@mcpulse/db';
import { Redis } from 'ioredis';
import type { DirectorySyncLoopOptions } from '../directory/directory-sync-loop.js';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { poolMetrics, schedulerMetrics } from '../metrics/role-metrics.js';
import type { Closers } from '../process/shutdown.js';
import { redisLeadership } from '../scheduler/redis-leadership.js';
import { redisScheduleMark } from '../scheduler/schedule-mark.js';
import { connectionsReady, openConnections, type QueueSettings } from './connections.js';
import type { RunningRole } from './running-role.js';
import { startScheduling } from './scheduling.js';

export interface SchedulerRoleSettings extends QueueSettings {
  databaseUrl: string;
  retention: StorageRetention;
  /** The public directory's sync, run by the leader. */
  directory?: DirectorySyncLoopOptions['settings'];
  /** The process's metrics, which the scheduler adds its figures and its pool's to. */
  metrics?: ProcessMetrics;
}

/** The scheduler process: one of several leads (a lease in Redis), the others stand by. */
export async function runSchedulerRole(
  settings: SchedulerRoleSettings,
  logger: Logger,
  closers: Closers,
): Promise<RunningRole> {
  const connections = await openConnections(settings, logger, closers, { poolSize: 4 });
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'leadership connection error'));
  closers.add('leadership connection', () => redis.disconnect());
  const leadership = redisLeadership({ redis, key: `${settings.queuePrefix}:scheduler-leader`, logger });
  const scheduler = startScheduling(
    {
      db: connections.database.db,
      queues: connections.queues,
      leadership,
      mark: redisScheduleMark(redis, `${settings.queuePrefix}:scheduler-until`),
      retention: settings.retention,
      ...(settings.directory ? { directory: settings.directory } : {}),
      logger,
    },
    closers,
  );
  if (settings.metrics) {
    poolMetrics(settings.metrics, () => connections.database.pool());
    schedulerMetrics(settings.metrics, () => scheduler.stats());
  }
  return {
    ready: () => connectionsReady(connections),
    // A standby is ready too (it takes over on its own); the answer says which one leads.
    describe: () => ({
      leader: leadership.isLeader(),
      leaderSince: leadership.leaderSince()?.toISOString() ?? null,
      instanceId: leadership.instanceId,
    }),
  };
}
