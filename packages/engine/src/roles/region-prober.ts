import type { Logger } from '@mcpulse/config';
import { runProbe } from '@mcpulse/probe';
import type { QueueBackend } from '@mcpulse/queue';
import { directoryAboutUrl } from '../directory/directory-identity.js';
import { type HostGate, memoryHostGate } from '../directory/host-gate.js';
import type { CheckMetrics } from '../metrics/process-metrics.js';
import { type Prober, startProber } from '../prober/prober.js';
import type { Closers } from '../process/shutdown.js';

/** How a region's worker takes directory checks (docs/directory.md, "Probing directory endpoints"). */
export interface DirectoryProbeSettings {
  /** Directory checks in flight at once, apart from `concurrency`. */
  concurrency: number;
  /** Least time between the end of one directory check of a host and the start of the next. */
  hostSpacingMs: number;
  /** Where browsers reach mcpulse: the probe names `<it>/directory/about`; null: no page to name. */
  publicUrl: string | null;
}

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
  directory?: DirectoryProbeSettings;
}

/**
 * One region's checks, run with the real probe; stopping lets the checks in flight finish and report.
 * Directory checks share `hostGate` with the region's other workers; without one (one process is
 * the whole region), the gate is this process's.
 */
export function startRegionProber(
  settings: RegionProberSettings,
  queues: QueueBackend,
  logger: Logger,
  closers: Closers,
  hostGate?: HostGate,
): Prober {
  const { region, metrics, directory } = settings;
  const prober = startProber({
    region,
    queues,
    secretKey: settings.secretKey,
    concurrency: settings.concurrency,
    ...(settings.lockMs ? { lockMs: settings.lockMs } : {}),
    allowPrivateTargets: settings.allowPrivateTargets,
    allowedTargetCidrs: settings.allowedTargetCidrs ?? [],
    probe: runProbe,
    logger,
    ...(metrics
      ? { onChecked: metrics.checked.bind(null, region), onStarted: metrics.started.bind(null, region) }
      : {}),
    ...(directory
      ? {
          directory: {
            concurrency: directory.concurrency,
            gate: hostGate ?? memoryHostGate(directory.hostSpacingMs),
            aboutUrl: directory.publicUrl ? directoryAboutUrl(directory.publicUrl) : null,
            ...(metrics
              ? {
                  onChecked: metrics.directoryChecked.bind(null, region),
                  onDeferred: () => metrics.hostDeferred(region),
                }
              : {}),
          },
        }
      : {}),
  });
  if (directory && !directory.publicUrl)
    logger.warn(
      { region },
      'MCPULSE_PUBLIC_URL is not set: directory checks name mcpulse but point to no page explaining them',
    );
  closers.add('probe worker', () => prober.stop());
  return prober;
}
