import type { Logger } from '@mcpulse/config';
import { Redis } from 'ioredis';
import { redisHostGate } from '../directory/host-gate.js';
import type { Closers } from '../process/shutdown.js';
import { openQueues, type QueueSettings } from './connections.js';
import { type RegionProberSettings, startRegionProber } from './region-prober.js';
import type { RunningRole } from './running-role.js';

export type ProbeRoleSettings = QueueSettings & RegionProberSettings;

/** A regional probe worker: it holds no database connection, so a region runs anywhere that reaches Redis. */
export function runProbeRole(settings: ProbeRoleSettings, logger: Logger, closers: Closers): RunningRole {
  const queues = openQueues(settings, logger, closers);
  let hostGate: ReturnType<typeof redisHostGate> | undefined;
  if (settings.directory) {
    // Every worker of the region takes turns on one host through the same keys.
    const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', (error) => logger.warn({ err: error }, 'directory host gate connection error'));
    closers.add('directory host gate connection', () => redis.disconnect());
    hostGate = redisHostGate(
      redis,
      `${settings.queuePrefix}:directory-host:${settings.region}:`,
      settings.directory.hostSpacingMs,
    );
  }
  const prober = startRegionProber(settings, queues, logger, closers, hostGate);
  return {
    async ready() {
      await queues.ping();
      return true;
    },
    describe: () => ({
      region: settings.region,
      inFlight: prober.inFlight(),
      skippedChecks: prober.skipped(),
      lastHeartbeatAt: prober.lastHeartbeatAt()?.toISOString() ?? null,
      directory: prober.directory(),
    }),
  };
}
