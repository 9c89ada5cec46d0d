import { formatTable } from '../../probe/report/format-table.js';
import { verdictLine } from '../../probe/report/verdict.js';
import type { SchedulerFigures } from '../run-bench.js';

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

export function schedulerText(figures: SchedulerFigures): string {
  const { options, stored, queues } = figures;
  const table = formatTable(
    ['process', 'CPU avg', 'CPU max', 'CPU ms/check', 'run-queue wait', 'RSS avg MB', 'RSS max MB'],
    figures.processes.map((process) => [
      process.name,
      `${fixed(process.cpuPct.avg)}%`,
      `${fixed(process.cpuPct.max)}%`,
      fixed(((process.cpuPct.avg / 100) * figures.window.seconds * 1000) / stored.startedInWindow, 2),
      `${fixed(process.waitPct.avg)}%`,
      fixed(process.rssMb.avg),
      fixed(process.rssMb.max),
    ]),
  );
  const late = stored.lateMs;
  return [
    `Scheduler bench: ${options.monitors} monitors at 60 s in one region (${fixed(figures.checksPerSecond, 1)} checks/s), ` +
      `probe concurrency ${options.probeConcurrency}, UV_THREADPOOL_SIZE ${options.threadpool}, ingest batch ${options.ingestBatch}, fleet of ${options.fleet}`,
    `measured window ${figures.window.from} → ${figures.window.to} (${fixed(figures.window.seconds)} s, after ${options.warmupSeconds} s warm-up; ${options.drainSeconds} s drain after it)`,
    ...(figures.crashed ? [`RUN BROKEN: ${figures.crashed}`] : []),
    '',
    `checks scheduled in the window (dueSlots): ${figures.scheduled}`,
    `checks stored for those slots:            ${stored.stored} (${counts(stored.byStatus)}); skipped (picked up over an interval late): ${stored.skipped}`,
    `errors among them:                        ${counts(stored.errors)}`,
    `checks started in the window (any slot):  ${stored.startedInWindow} (${fixed(stored.startedInWindow / figures.window.seconds, 1)}/s)`,
    `start-time lateness (checked_at − slot):  min ${fixed(late.min)} ms, p50 ${fixed(late.p50)} ms, p90 ${fixed(late.p90)} ms, p99 ${fixed(late.p99)} ms, max ${fixed(late.max)} ms`,
    `probe duration (total_ms):                p50 ${fixed(stored.totalMs.p50, 1)} ms, p99 ${fixed(stored.totalMs.p99, 1)} ms`,
    `results-queue depth:                      avg ${fixed(queues.resultsDepth.avg)}, max ${queues.resultsDepth.max}, at window end ${queues.resultsDepth.atWindowEnd}, trend ${fixed(queues.resultsDepth.slopePerSec, 2)} jobs/s (${queues.samples} samples)`,
    `probe queue:                              waiting avg ${fixed(queues.probeWaiting.avg)} max ${queues.probeWaiting.max}, delayed avg ${fixed(queues.probeDelayed.avg)}, active avg ${fixed(queues.probeActive.avg)} max ${queues.probeActive.max}`,
    `fleet answered ${figures.fleetRequests} HTTP requests over the whole run`,
    `Redis used memory (all clients):          ${fixed(figures.redis.usedMb.atStart)} MB at start, peak ${fixed(figures.redis.usedMb.peak)} MB, ${fixed(figures.redis.usedMb.atEnd)} MB at end`,
    `the bench's own Redis keys at the end:    ${figures.redis.own.keys} keys, ${fixed(figures.redis.own.mb, 1)} MB (MEMORY USAGE)`,
    `machine busy (all cores, every process):  avg ${fixed(queues.machineBusyPct.avg)}%, max ${fixed(queues.machineBusyPct.max)}%`,
    '',
    'CPU is the share of one core (100% = one core busy), sampled every second over the window; CPU ms/check divides the',
    "window's CPU by the checks started in it. Run-queue wait is the time the main thread was ready to run but had no core",
    '(/proc/<pid>/schedstat; summed over processes for groups): a process near 100% CPU + wait is CPU-bound, and wait shows',
    'how much of its pace the rest of the machine took. postgres and redis-server include other clients of those servers.',
    table,
    '',
    ...figures.verdicts.map(verdictLine),
    `worker logs: ${figures.logDir}`,
  ].join('\n');
}
