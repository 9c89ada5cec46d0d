import type { Verdict } from '../../probe/report/verdict.js';
import type { RedisMemoryFigures } from './redis-memory.js';
import type { QueueFigures } from './sample-summary.js';
import type { StoredChecks } from './stored-checks.js';

export const TARGETS = {
  completion: 0.995,
  lateP99Ms: 2_000,
  /** A backlog above this many seconds of results at the window's end means ingest lags. */
  backlogSeconds: 5,
  /** Backlog growth above this share of the check rate means ingest falls further behind every second. */
  growthShare: 0.01,
  /** Redis's used_memory at its peak over the run, at 20,000 monitors: finished jobs must not pile up. */
  redisPeakMb: 100,
} as const;

export function schedulerVerdicts(
  scheduled: number,
  stored: StoredChecks,
  queues: QueueFigures,
  checksPerSecond: number,
  ingestBatch: number,
  redis: RedisMemoryFigures,
): Verdict[] {
  const completion = scheduled === 0 ? 0 : stored.stored / scheduled;
  const backlogLimit = Math.max(TARGETS.backlogSeconds * checksPerSecond, 2 * ingestBatch);
  const growthLimit = TARGETS.growthShare * checksPerSecond;
  const depth = queues.resultsDepth;
  return [
    {
      name: 'checks done ÷ checks scheduled',
      measured: `${(completion * 100).toFixed(2)}% (${stored.stored} of ${scheduled})`,
      target: `≥ ${TARGETS.completion * 100}%`,
      pass: completion >= TARGETS.completion,
    },
    {
      name: 'start-time lateness p99 (checked_at − slot)',
      measured: `${stored.lateMs.p99.toFixed(0)} ms`,
      target: `< ${TARGETS.lateP99Ms} ms`,
      pass: stored.lateMs.p99 < TARGETS.lateP99Ms,
    },
    {
      name: 'ingest keeps up (results-queue depth bounded)',
      measured: `max ${depth.max}, at window end ${depth.atWindowEnd}, trend ${depth.slopePerSec.toFixed(2)} jobs/s`,
      target: `at window end ≤ ${backlogLimit.toFixed(0)} and trend ≤ ${growthLimit.toFixed(1)} jobs/s`,
      pass: depth.atWindowEnd <= backlogLimit && depth.slopePerSec <= growthLimit,
    },
    {
      name: 'Redis used memory, peak over the run (used_memory, sampled every second)',
      measured: `${redis.usedMb.peak.toFixed(0)} MB (${redis.usedMb.atStart.toFixed(0)} MB at start, ${redis.usedMb.atEnd.toFixed(0)} MB at end; the bench's own keys ${redis.own.mb.toFixed(1)} MB)`,
      target: `< ${TARGETS.redisPeakMb} MB at 20,000 monitors`,
      pass: redis.usedMb.peak < TARGETS.redisPeakMb,
    },
  ];
}
