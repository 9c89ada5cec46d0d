import type { Logger } from '@mcpulse/config';
import { openProbeSpec, type ProbeResult } from '@mcpulse/core';
import type { ProbeOptions, ProbeReport } from '@mcpulse/probe';
import type { Consumer, QueueBackend } from '@mcpulse/queue';
import {
  JOB_POLICIES,
  probeJobSchema,
  probeQueueName,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
} from '../job-catalog.js';

export interface ProberOptions {
  region: string;
  queues: QueueBackend;
  /** Opens the sealed monitor headers carried by each job. */
  secretKey: Buffer;
  /** Probes mostly wait on the network, so many run at once. */
  concurrency: number;
  /** How long a job stays claimed without renewal: a killed worker's checks return to the queue after it. */
  lockMs?: number;
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  probe: (options: ProbeOptions) => Promise<ProbeReport>;
  logger: Logger;
}

export interface Prober {
  /** Stops taking jobs and lets the checks in flight finish and report. */
  stop(): Promise<void>;
  inFlight(): number;
}

/**
 * The regional worker: consumes only its region's queue, runs the check, and
 * pushes the result to the results queue. It needs no database connection.
 */
export function startProber(options: ProberOptions): Prober {
  // Results must land: a database outage only delays them.
  const results = options.queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
  let active = 0;
  const consumer: Consumer = options.queues.consume(
    probeQueueName(options.region),
    probeJobSchema,
    async (job) => {
      active++;
      try {
        const data = job.data;
        const report = await options.probe({
          ...openProbeSpec(data, data.monitorId, options.secretKey),
          allowPrivateAddresses: options.allowPrivateTargets,
          allowedCidrs: options.allowedTargetCidrs ?? [],
        });
        const result: ProbeResult = report.result;
        const changed = result.schemaHash !== null && result.schemaHash !== data.knownSchemaHash;
        await results.add(
          {
            monitorId: data.monitorId,
            region: data.region,
            slot: data.slot,
            result,
            tools: changed ? report.tools : null,
          },
          { jobId: `${data.monitorId}:${data.region}:${Date.parse(data.slot)}` },
        );
      } finally {
        active--;
      }
    },
    { concurrency: options.concurrency, lockMs: options.lockMs ?? 30_000 },
  );
  options.logger.info({ region: options.region, concurrency: options.concurrency }, 'probe worker consuming');
  return {
    stop: () => consumer.close(),
    inFlight: () => active,
  };
}
