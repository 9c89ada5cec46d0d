import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@mcpulse/config';
import { probeQueueName, RESULTS_QUEUE } from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import type { Verdict } from '../probe/report/verdict.js';
import type { SchedulerBenchArgs } from './cli-args.js';
import { type RedisMemoryFigures, redisMemoryFigures } from './figures/redis-memory.js';
import {
  inWindow,
  type ProcessFigures,
  processFigures,
  type QueueFigures,
  queueFigures,
} from './figures/sample-summary.js';
import { scheduledChecks } from './figures/slot-plan.js';
import { type StoredChecks, storedChecks } from './figures/stored-checks.js';
import { schedulerVerdicts } from './figures/verdicts.js';
import { startFleet } from './fixture/start-fleet.js';
import { type RoleName, startRoles } from './processes/start-roles.js';
import { pidsNamed } from './sampling/proc-stats.js';
import { type ProcessGroup, startSampler } from './sampling/sampler.js';
import { BENCH_REGION, createBenchDatabase, INTERVAL_SECONDS } from './setup/bench-database.js';
import { benchEnv } from './setup/bench-env.js';
import { deleteKeys, redisMemoryReader } from './setup/redis-keys.js';

export interface SchedulerFigures {
  options: SchedulerBenchArgs;
  window: { from: string; to: string; seconds: number };
  checksPerSecond: number;
  scheduled: number;
  stored: StoredChecks;
  queues: QueueFigures;
  processes: ProcessFigures[];
  fleetRequests: number;
  redis: RedisMemoryFigures;
  logDir: string;
  /** Set when a worker child died before the end: the figures then cover a broken run. */
  crashed: string | null;
  verdicts: Verdict[];
}

const ROLE_GROUPS: RoleName[] = ['scheduler', 'probe', 'ingest'];
const SERVICE_GROUPS: ProcessGroup[] = [
  { name: 'postgres (all backends)', pids: () => pidsNamed('postgres') },
  { name: 'redis-server', pids: () => pidsNamed('redis-server') },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole run: fleet, database, queues and the three worker roles as
 * production runs them, sampled every second; then the stored results are
 * compared with the slot plan. Everything started is stopped and deleted on
 * the way out, whatever happened.
 */
export async function runSchedulerBench(
  args: SchedulerBenchArgs,
  log: (line: string) => void,
  /** Ends the run early (Ctrl-C): the figures cover what ran, and everything is still cleaned up. */
  interrupt?: AbortSignal,
): Promise<SchedulerFigures> {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'mcpulse-bench-scheduler-'));
  const prefix = `mcpulse-bench-sched-${randomBytes(4).toString('hex')}`;
  const cleanups: Array<() => Promise<unknown>> = [];
  const redisMemory = redisMemoryReader(benchEnv.REDIS_URL);
  cleanups.push(async () => redisMemory.close());
  const redisAtStart = await redisMemory.usedMb();
  try {
    const fleet = await startFleet(args.fleet);
    cleanups.push(() => fleet.stop());
    log(`  fleet: ${args.fleet} fixture servers (${fleet.urls.join(', ')})`);

    const { database, monitors } = await createBenchDatabase(args.monitors, fleet.urls);
    cleanups.push(
      () => database.drop(),
      () => deleteKeys(benchEnv.REDIS_URL, prefix),
    );
    log(`  database: ${monitors.length} monitors at ${INTERVAL_SECONDS} s in region "${BENCH_REGION}"`);

    const queues = createBullmqBackend({
      redisUrl: benchEnv.REDIS_URL,
      prefix,
      logger: createLogger({ name: 'bench-queues', level: 'silent' }),
    });
    cleanups.push(() => queues.close());

    const roles = await startRoles(
      args,
      {
        REDIS_URL: benchEnv.REDIS_URL,
        DATABASE_URL: database.url,
        MCPULSE_QUEUE_PREFIX: prefix,
        MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
        MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
        MCPULSE_PROBE_CONCURRENCY: String(args.probeConcurrency),
        MCPULSE_INGEST_BATCH: String(args.ingestBatch),
        UV_THREADPOOL_SIZE: String(args.threadpool),
        LOG_LEVEL: 'info',
      },
      logDir,
    );
    cleanups.push(() => roles.stop());
    log(
      `  worker roles ready: ${roles.list.map((role) => `${role.name} (pid ${role.pid})`).join(', ')}; logs in ${logDir}`,
    );

    const groups: ProcessGroup[] = [
      ...roles.list.map((role) => ({ name: role.name, pids: () => [role.pid] })),
      { name: 'fixture fleet', pids: () => fleet.pids },
      ...SERVICE_GROUPS,
    ];
    const queueNames = { results: RESULTS_QUEUE, probe: probeQueueName(BENCH_REGION) };
    const sampler = startSampler(queues, queueNames, groups, () => redisMemory.usedMb(), 1_000);
    cleanups.push(() => sampler.stop());

    const started = Date.now();
    const windowFrom = started + args.warmupSeconds * 1000;
    const windowTo = windowFrom + Math.round(args.minutes * 60_000);
    const end = windowTo + args.drainSeconds * 1000;
    log(
      `  warm-up ${args.warmupSeconds} s, measured window ${args.minutes} min, drain ${args.drainSeconds} s: about ${Math.ceil((end - started) / 60_000)} min`,
    );
    let crashed: string | null = null;
    let lastReport = started;
    while (Date.now() < end) {
      await sleep(500);
      if (interrupt?.aborted) {
        crashed = 'interrupted before the end of the run';
        log(`  ${crashed}`);
        break;
      }
      const dead = roles.list.find((role) => role.exited());
      if (dead) {
        crashed = `${dead.name} exited before the end of the run; see ${logDir}/${dead.name}.log`;
        log(`  ${crashed}`);
        break;
      }
      const last = sampler.samples[sampler.samples.length - 1];
      if (last && Date.now() - lastReport >= 15_000) {
        lastReport = Date.now();
        const phase = Date.now() < windowFrom ? 'warm-up' : Date.now() <= windowTo ? 'window' : 'drain';
        const cpu = ROLE_GROUPS.map((name) => `${name} ${last.groups[name]?.cpuPct.toFixed(0) ?? '?'}%`).join(
          ', ',
        );
        log(
          `  ${phase} t+${Math.round((Date.now() - started) / 1000)} s: results depth ${last.resultsDepth}, probe waiting ${last.probeWaiting} delayed ${last.probeDelayed} active ${last.probeActive}; CPU ${cpu}; machine ${last.machineBusyPct.toFixed(0)}%`,
        );
      }
    }
    const stoppedAt = Date.now();
    await sampler.stop();
    const fleetRequests = await fleet.requests();
    const redisAtEnd = await redisMemory.usedMb();
    const ownKeys = await redisMemory.prefixUsage(prefix);
    const redis = redisMemoryFigures(redisAtStart, sampler.samples, redisAtEnd, ownKeys);
    log('  stopping the worker roles...');
    await roles.stop();

    // A run cut short is measured up to where its slots still had the drain time to be stored.
    const measuredTo = crashed
      ? Math.max(windowFrom, Math.min(windowTo, stoppedAt - args.drainSeconds * 1000))
      : windowTo;
    const windowSamples = inWindow(sampler.samples, windowFrom, measuredTo);
    const stored = await storedChecks(database.handle.db, BENCH_REGION, windowFrom, measuredTo);
    const scheduled = scheduledChecks(monitors, windowFrom, measuredTo);
    const queueSummary = queueFigures(windowSamples);
    const checksPerSecond = monitors.length / INTERVAL_SECONDS;
    return {
      options: args,
      window: {
        from: new Date(windowFrom).toISOString(),
        to: new Date(measuredTo).toISOString(),
        seconds: (measuredTo - windowFrom) / 1000,
      },
      checksPerSecond,
      scheduled,
      stored,
      queues: queueSummary,
      processes: processFigures(
        windowSamples,
        groups.map((group) => group.name),
      ),
      fleetRequests,
      redis,
      logDir,
      crashed,
      verdicts: schedulerVerdicts(scheduled, stored, queueSummary, checksPerSecond, args.ingestBatch, redis),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => log(`  clean-up step failed: ${String(error)}`));
    }
  }
}
