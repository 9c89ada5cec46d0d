import type { Logger } from '@mcpulse/config';
import { openProbeSpec, type ProbeResult, sealedRotation } from '@mcpulse/core';
import type { ResultStatus } from '@mcpulse/core/domain';
import { type ProbeOptions, type ProbeReport, probeOptionsOf, TokenCache } from '@mcpulse/probe';
import type { Consumer, QueueBackend } from '@mcpulse/queue';
import {
  type ConnectionRotation,
  JOB_POLICIES,
  type ProbeJob,
  probeJobId,
  probeJobSchema,
  probeQueueName,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
} from '../job-catalog.js';
import { PROBE_HEARTBEAT, probeBeatName } from '../regions/region-heartbeats.js';
import { lateCheckReason } from './late-check.js';
import { SkipTally } from './skip-tally.js';

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
  now?: () => number;
  /** Told of each check once its result is on the results queue (metrics). */
  onChecked?: (status: ResultStatus, totalMs: number | null) => void;
  /** Told how long after its slot each check was picked up (metrics: schedule lateness). */
  onStarted?: (lateMs: number) => void;
}

export interface Prober {
  /** Stops taking jobs and lets the checks in flight finish and report. */
  stop(): Promise<void>;
  inFlight(): number;
  /** Checks skipped since start, for being picked up more than an interval late. */
  skipped(): number;
  /** When this worker's heartbeat was last recorded; null before the first. */
  lastHeartbeatAt(): Date | null;
}

/**
 * The regional worker: consumes only its region's queue, runs the check (or
 * skips it when it comes more than an interval late), and pushes the result
 * to the results queue. It needs no database connection. While it runs it
 * beats under its region's name, so the API can tell a silent region.
 */
export function startProber(options: ProberOptions): Prober {
  const now = options.now ?? Date.now;
  // Results must land: a database outage only delays them.
  const results = options.queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
  const skips = new SkipTally(options.region, options.logger);
  // Access tokens of the monitors' OAuth clients, in this process only, by monitor and credentials version.
  const tokens = new TokenCache();
  const report = (data: ProbeJob, outcome: Pick<ResultJob, 'result' | 'tools' | 'skipped' | 'rotation'>) =>
    results.add(
      { monitorId: data.monitorId, region: data.region, slot: data.slot, ...outcome },
      { jobId: probeJobId(data.monitorId, data.region, Date.parse(data.slot)) },
    );
  let active = 0;
  let skipped = 0;
  const consumer: Consumer = options.queues.consume(
    probeQueueName(options.region),
    probeJobSchema,
    async (job) => {
      active++;
      try {
        const data = job.data;
        const pickedUp = now();
        options.onStarted?.(pickedUp - Date.parse(data.slot));
        const late = lateCheckReason(data, pickedUp);
        if (late !== null) {
          skipped++;
          skips.add(pickedUp - Date.parse(data.slot));
          await report(data, {
            tools: null,
            skipped: { reason: late, decidedAt: new Date(pickedUp).toISOString() },
          });
          options.onChecked?.('skipped', null);
          return;
        }
        // A refresh token the authorization server rotated is spent once used: it travels back
        // sealed with the result, for ingest to save (this worker holds no database).
        let rotation: ConnectionRotation | undefined;
        const spec = openProbeSpec(data, data.monitorId, options.secretKey);
        if (data.publicHeaders) spec.headers = { ...data.publicHeaders, ...spec.headers };
        const probed = await options.probe({
          ...probeOptionsOf(spec, { cache: tokens, monitorId: data.monitorId }, (connection) => {
            rotation = sealedRotation(options.secretKey, data.monitorId, connection);
          }),
          allowPrivateAddresses: options.allowPrivateTargets,
          allowedCidrs: options.allowedTargetCidrs ?? [],
        });
        const result: ProbeResult = probed.result;
        const changed = result.schemaHash !== null && result.schemaHash !== data.knownSchemaHash;
        await report(data, {
          result,
          tools: changed ? probed.tools : null,
          ...(rotation ? { rotation } : {}),
        });
        options.onChecked?.(result.status, result.timings.totalMs);
      } finally {
        active--;
      }
    },
    { concurrency: options.concurrency, lockMs: options.lockMs ?? 30_000 },
  );
  const heartbeat = startHeartbeat(options);
  options.logger.info({ region: options.region, concurrency: options.concurrency }, 'probe worker consuming');
  return {
    async stop() {
      heartbeat.stop();
      skips.stop();
      await consumer.close();
    },
    inFlight: () => active,
    skipped: () => skipped,
    lastHeartbeatAt: () => heartbeat.lastAt(),
  };
}

/** Beats under the region's name now and every few seconds; a failed beat is logged once per outage. */
function startHeartbeat(options: Pick<ProberOptions, 'region' | 'queues' | 'logger'>): {
  stop(): void;
  lastAt(): Date | null;
} {
  const name = probeBeatName(options.region);
  let failing = false;
  let lastAt: Date | null = null;
  const beat = () => {
    const at = new Date();
    return options.queues.beat(name).then(
      () => {
        if (failing) options.logger.info({ region: options.region }, 'heartbeat recorded again');
        failing = false;
        lastAt = at;
      },
      (error: unknown) => {
        if (!failing) options.logger.warn({ err: error, region: options.region }, 'heartbeat failed');
        failing = true;
      },
    );
  };
  void beat();
  const timer = setInterval(() => void beat(), PROBE_HEARTBEAT.everyMs);
  return { stop: () => clearInterval(timer), lastAt: () => lastAt };
}
