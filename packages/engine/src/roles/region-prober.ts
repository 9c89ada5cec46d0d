import type { Logger } from '@mcpulse/config';
import { runProbe } from '@mcpulse/probe';
import type { QueueBackend } from '@mcpulse/queue';
import type { CheckMetrics } from '../metrics/process-metrics.js';
import { type Prober, startProber } from '../prober/prober.js';
import type { Closers } from '../process/shutdown.js';

export interface RegionProberSettings {
  region: string;
  /** Opens the sealed monitor headers carried by each job. */
  secretKey: Buffer;
  concurrency: number;
  /** How long a check stays claimed without renewal (queues in Redis only). */
  lockMs?: number;
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  /** Where the checks are counted (the process's `/metrics`). */
  metrics?: CheckMetrics;
}

/** One region's checks, run with the real probe; stopping lets the checks in flight finish and report. */
export function startRegionProber(
  settings: RegionProberSettings,
  queues: QueueBackend,
  logger: Logger,
  closers: Closers,
): Prober {
  const prober = startProber({
    region: settings.region,
    queues,
    secretKey: settings.secretKey,
    concurrency: settings.concurrency,
    ...(settings.lockMs ? { lockMs: settings.lockMs } : {}),
    allowPrivateTargets: settings.allowPrivateTargets,
    allowedTargetCidrs: settings.allowedTargetCidrs ?? [],
    probe: runProbe,
    logger,
    ...(settings.metrics
      ? {
          onChecked: settings.metrics.checked.bind(null, settings.region),
          onStarted: settings.metrics.started.bind(null, settings.region),
        }
      : {}),
  });
  closers.add('probe worker', () => prober.stop());
  return prober;
}
