import type { Logger } from '@mcpulse/config';
import type { Closers } from '../process/shutdown.js';
import { openQueues, type QueueSettings } from './connections.js';
import { type RegionProberSettings, startRegionProber } from './region-prober.js';
import type { RunningRole } from './running-role.js';

export type ProbeRoleSettings = QueueSettings & RegionProberSettings;

/** A regional probe worker: it holds no database connection, so a region runs anywhere that reaches Redis. */
export function runProbeRole(settings: ProbeRoleSettings, logger: Logger, closers: Closers): RunningRole {
  const queues = openQueues(settings, logger, closers);
  const prober = startRegionProber(settings, queues, logger, closers);
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
    }),
  };
}
