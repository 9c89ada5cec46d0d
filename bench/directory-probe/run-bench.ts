import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@mcpulse/config';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { monitors } from '@mcpulse/db';
import { createTestDatabase } from '@mcpulse/db/testing';
import {
  dueSlots,
  loadScheduledMonitors,
  memoryScheduleMark,
  RESULTS_QUEUE,
  resultJobSchema,
  soleLeadership,
  startScheduler,
} from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import { type RecordingMcpServer, startRecordingMcpServer } from '@mcpulse/testkit';
import { sql } from 'drizzle-orm';
import type { Verdict } from '../probe/report/verdict.js';
import { startWorkerRole } from '../scheduler/processes/worker-role.js';
import { benchEnv } from '../scheduler/setup/bench-env.js';
import { deleteKeys } from '../scheduler/setup/redis-keys.js';
import type { DirectoryProbeBenchArgs } from './cli-args.js';
import {
  type HostFigures,
  hostFigures,
  type OnTimeFigures,
  onTimeFigures,
  type SeenCheck,
} from './figures.js';

const REGION = 'bench-directory';
const PUBLIC_URL = 'https://mcpulse.example.com';

export interface DirectoryProbeFigures {
  options: DirectoryProbeBenchArgs;
  window: { from: string; to: string };
  checks: OnTimeFigures;
  hosts: HostFigures;
  logDir: string;
  verdicts: Verdict[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `endpoints` directory monitors spread over `hosts` loopback servers, checked by one real probe
 * worker process (its directory queue, the Redis host gate), scheduled by the scheduler in this
 * process with the production tick and look-ahead. Every check of one interval-long window is
 * compared with the plan; the servers count overlapping checks and the least rest between two.
 */
export async function runDirectoryProbeBench(
  args: DirectoryProbeBenchArgs,
  log: (line: string) => void,
  interrupt?: AbortSignal,
): Promise<DirectoryProbeFigures> {
  const logger = createLogger({ name: 'bench-directory-probe', level: 'warn' });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'mcpulse-bench-directory-probe-'));
  const prefix = `mcpulse-bench-dir-${randomBytes(4).toString('hex')}`;
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const servers: RecordingMcpServer[] = [];
    for (let i = 0; i < args.hosts; i++) {
      const server = await startRecordingMcpServer();
      servers.push(server);
      cleanups.push(() => server.close());
    }
    log(`  ${args.hosts} loopback MCP servers (one host each)`);

    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = database.handle.db;
    await db.execute(sql`
      insert into monitors (organization_id, name, url, regions, interval_seconds)
      select ${DIRECTORY_ORGANIZATION_ID}::uuid, 'directory-' || i,
             (array[${sql.join(
               servers.map((server) => sql`${server.url}::text`),
               sql`, `,
             )}])[1 + i % ${servers.length}] || '?endpoint=' || i,
             array[${REGION}]::text[], ${args.intervalSeconds}
      from generate_series(0, ${args.endpoints - 1}) as i`);
    const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(monitors);
    log(`  ${count} directory monitors, every ${args.intervalSeconds} s`);

    cleanups.push(() => deleteKeys(benchEnv.REDIS_URL, prefix));
    const queues = createBullmqBackend({ redisUrl: benchEnv.REDIS_URL, prefix, logger });
    cleanups.push(() => queues.close());
    const seen: SeenCheck[] = [];
    const results = queues.consume(
      RESULTS_QUEUE,
      resultJobSchema,
      async (job) => {
        const data = job.data;
        seen.push({
          monitorId: data.monitorId,
          slotMs: Date.parse(data.slot),
          startedMs: data.result ? Date.parse(data.result.checkedAt) : null,
        });
      },
      { concurrency: 50 },
    );
    cleanups.push(() => results.close());

    const worker = await startWorkerRole('probe', {
      args: ['probe', '--region', REGION],
      env: {
        REDIS_URL: benchEnv.REDIS_URL,
        MCPULSE_QUEUE_PREFIX: prefix,
        MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
        MCPULSE_ALLOWED_TARGET_CIDRS: '127.0.0.0/8',
        MCPULSE_DIRECTORY_PROBE_CONCURRENCY: String(args.concurrency),
        MCPULSE_DIRECTORY_HOST_SPACING_MS: String(args.spacingMs),
        MCPULSE_PUBLIC_URL: PUBLIC_URL,
        UV_THREADPOOL_SIZE: '64',
        LOG_LEVEL: 'warn',
      },
      logFile: path.join(logDir, 'probe.log'),
    });
    cleanups.push(() => worker.stop());
    await worker.ready();
    log('  probe worker ready');

    const scheduler = startScheduler({
      db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      logger,
    });
    cleanups.push(() => scheduler.stop());
    const started = Date.now();
    const from = started + args.warmupSeconds * 1000;
    const to = from + args.intervalSeconds * 1000;
    log(
      `  measuring the checks due from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} (${Math.round((to + args.drainSeconds * 1000 - started) / 1000)} s from now)`,
    );
    await sleep(to + args.drainSeconds * 1000 - Date.now(), interrupt);
    await scheduler.stop();

    const planned = new Set<string>();
    for (const monitor of await loadScheduledMonitors(db))
      for (const slot of dueSlots(monitor, from, Math.min(to, Date.now() - args.drainSeconds * 1000)))
        planned.add(`${monitor.id}|${slot.slotMs}`);
    const checks = onTimeFigures(planned, seen, args.toleranceSeconds * 1000);
    const hosts = hostFigures(servers.map((server) => server.record()));
    const verdicts: Verdict[] = [
      {
        name: 'checks started within the tolerance of their slot',
        measured: `${(checks.onTimeShare * 100).toFixed(2)} % (${checks.onTime} of ${checks.planned})`,
        target: '>= 99.5 %',
        pass: checks.planned > 0 && checks.onTimeShare >= 0.995,
      },
      {
        name: 'most checks of one host at once',
        measured: String(hosts.maxConcurrentPerHost),
        target: '1',
        pass: hosts.maxConcurrentPerHost === 1,
      },
      {
        name: 'least rest of a host between two checks',
        measured: hosts.leastSpacingMs === null ? 'none' : `${hosts.leastSpacingMs} ms`,
        target: `>= ${args.spacingMs} ms`,
        pass: hosts.leastSpacingMs !== null && hosts.leastSpacingMs >= args.spacingMs,
      },
    ];
    return {
      options: args,
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      checks,
      hosts,
      logDir,
      verdicts,
    };
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`  cleanup: ${String(error)}`));
  }
}
