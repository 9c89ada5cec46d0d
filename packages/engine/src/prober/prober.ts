import type { Logger } from '@mcpulse/config';
import { openProbeSpec, type ProbeResult, sealedRotation } from '@mcpulse/core';
import type { ResultStatus } from '@mcpulse/core/domain';
import { type ProbeOptions, type ProbeReport, probeOptionsOf, TokenCache } from '@mcpulse/probe';
import type { Consumer, Job, QueueBackend } from '@mcpulse/queue';
import { directoryIdentity } from '../directory/directory-identity.js';
import type { HostGate } from '../directory/host-gate.js';
import { hostOf } from '../directory/host-of.js';
import { busyHostVerdict, HOST_LEASE_MARGIN_MS } from '../directory/host-turn.js';
import {
  type ConnectionRotation,
  directoryProbeQueueName,
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

/** How a worker takes its region's directory checks (docs/directory.md, "Probing directory endpoints"). */
export interface DirectoryProbing {
  /** Directory checks in flight at once, apart from the users' budget. */
  concurrency: number;
  /** One check per host at a time, and a rest between two, across the region's workers. */
  gate: HostGate;
  /** Where the User-Agent and `clientInfo` point people who wonder what the probe is; null: nowhere. */
  aboutUrl: string | null;
  /** Told of each directory check once its result is on the results queue (metrics). */
  onChecked?: (status: ResultStatus, totalMs: number | null) => void;
  /** Told each time a directory check is put back because its host was busy (metrics). */
  onDeferred?: () => void;
}

export interface ProberOptions {
  region: string;
  queues: QueueBackend;
  /** Opens the sealed monitor headers carried by each job. */
  secretKey: Buffer;
  /** Probes mostly wait on the network, so many run at once. */
  concurrency: number;
  /** How long a job stays claimed without renewal: a killed worker's checks return to the queue after it. */
  lockMs?: number;
  /** For users' monitors only: directory checks always obey the hosted address policy. */
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  probe: (options: ProbeOptions) => Promise<ProbeReport>;
  logger: Logger;
  now?: () => number;
  /** Told of each check once its result is on the results queue (metrics). */
  onChecked?: (status: ResultStatus, totalMs: number | null) => void;
  /** Told how long after its slot each check was picked up (metrics: schedule lateness). */
  onStarted?: (lateMs: number) => void;
  /** Takes the region's directory queue too; without it, this worker leaves directory checks to others. */
  directory?: DirectoryProbing;
}

export interface DirectoryStats {
  inFlight: number;
  /** Directory checks skipped since start: picked up an interval late, or their host busy too long. */
  skipped: number;
  /** Times a directory check was put back because its host was busy. */
  deferred: number;
}

export interface Prober {
  /** Stops taking jobs and lets the checks in flight finish and report. */
  stop(): Promise<void>;
  inFlight(): number;
  /** Checks skipped since start, for being picked up more than an interval late. */
  skipped(): number;
  /** When this worker's heartbeat was last recorded; null before the first. */
  lastHeartbeatAt(): Date | null;
  /** Null when this worker does not take directory checks. */
  directory(): DirectoryStats | null;
}

/**
 * The regional worker: consumes only its region's queues, runs the check (or
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
  const reportSkipped = (data: ProbeJob, reason: string, at: number) =>
    report(data, { tools: null, skipped: { reason, decidedAt: new Date(at).toISOString() } });

  /** Probes the check with `policy` and reports its result; returns what to count it as. */
  const probeAndReport = async (
    data: ProbeJob,
    policy: Pick<ProbeOptions, 'allowPrivateAddresses' | 'allowedCidrs' | 'userAgent' | 'clientInfo'>,
  ): Promise<ProbeResult> => {
    // A refresh token the authorization server rotated is spent once used: it travels back sealed
    // with the result, for ingest to save (this worker holds no database).
    let rotation: ConnectionRotation | undefined;
    const spec = openProbeSpec(data, data.monitorId, options.secretKey);
    if (data.publicHeaders) spec.headers = { ...data.publicHeaders, ...spec.headers };
    const probed = await options.probe({
      ...probeOptionsOf(spec, { cache: tokens, monitorId: data.monitorId }, (connection) => {
        rotation = sealedRotation(options.secretKey, data.monitorId, connection);
      }),
      ...policy,
    });
    const result: ProbeResult = probed.result;
    const changed = result.schemaHash !== null && result.schemaHash !== data.knownSchemaHash;
    await report(data, {
      result,
      tools: changed ? probed.tools : null,
      ...(rotation ? { rotation } : {}),
    });
    return result;
  };

  const directory = options.directory;
  const identity = directory ? directoryIdentity(directory.aboutUrl) : null;
  // Directory checks obey the hosted address policy wherever they run: a public registry must never
  // make an instance that allows its users' private targets probe its owner's network.
  const directoryPolicy = {
    allowPrivateAddresses: false,
    allowedCidrs: options.allowedTargetCidrs ?? [],
    ...identity,
  };

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
          await reportSkipped(data, late, pickedUp);
          options.onChecked?.('skipped', null);
          return;
        }
        // A directory check that reached a users' queue (an older producer) keeps the directory's rules.
        const result = await probeAndReport(
          data,
          data.directory
            ? directoryPolicy
            : {
                allowPrivateAddresses: options.allowPrivateTargets,
                allowedCidrs: options.allowedTargetCidrs ?? [],
              },
        );
        options.onChecked?.(result.status, result.timings.totalMs);
      } finally {
        active--;
      }
    },
    { concurrency: options.concurrency, lockMs: options.lockMs ?? 30_000 },
  );

  const directoryStats: DirectoryStats = { inFlight: 0, skipped: 0, deferred: 0 };
  let directoryConsumer: Consumer | null = null;
  if (directory) {
    const queue = directoryProbeQueueName(options.region);
    const again = options.queues.producer(queue, probeJobSchema, JOB_POLICIES.probe);
    const skipDirectory = async (data: ProbeJob, reason: string, at: number) => {
      directoryStats.skipped++;
      await reportSkipped(data, reason, at);
      directory.onChecked?.('skipped', null);
    };
    directoryConsumer = options.queues.consume(
      queue,
      probeJobSchema,
      async (job: Job<ProbeJob>) => {
        directoryStats.inFlight++;
        try {
          const data = job.data;
          const pickedUp = now();
          const late = lateCheckReason(data, pickedUp);
          if (late !== null) {
            skips.add(pickedUp - Date.parse(data.slot));
            await skipDirectory(data, late, pickedUp);
            return;
          }
          const host = hostOf(data.url);
          const turn = await directory.gate.take(host, data.timeoutMs + HOST_LEASE_MARGIN_MS);
          if ('retryAfterMs' in turn) {
            const verdict = busyHostVerdict(data, turn.retryAfterMs, now());
            if ('skip' in verdict) {
              await skipDirectory(data, verdict.skip, now());
              return;
            }
            // Put back rather than waited for here: a host listed a thousand times must not hold
            // the worker's directory budget while it waits its turn.
            const deferrals = (data.hostDeferrals ?? 0) + 1;
            directoryStats.deferred++;
            directory.onDeferred?.();
            await again.add(
              { ...data, hostDeferrals: deferrals },
              {
                jobId: `${probeJobId(data.monitorId, data.region, Date.parse(data.slot))}:host-wait:${deferrals}`,
                delayMs: verdict.deferMs,
              },
            );
            return;
          }
          let result: ProbeResult;
          try {
            result = await probeAndReport(data, directoryPolicy);
          } finally {
            await turn.release();
          }
          directory.onChecked?.(result.status, result.timings.totalMs);
        } finally {
          directoryStats.inFlight--;
        }
      },
      { concurrency: directory.concurrency, lockMs: options.lockMs ?? 30_000 },
    );
  }

  const heartbeat = startHeartbeat(options);
  options.logger.info(
    {
      region: options.region,
      concurrency: options.concurrency,
      directoryConcurrency: directory?.concurrency ?? 0,
    },
    'probe worker consuming',
  );
  return {
    async stop() {
      heartbeat.stop();
      skips.stop();
      await Promise.all([consumer.close(), directoryConsumer?.close()]);
    },
    inFlight: () => active,
    skipped: () => skipped,
    lastHeartbeatAt: () => heartbeat.lastAt(),
    directory: () => (directory ? { ...directoryStats } : null),
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
