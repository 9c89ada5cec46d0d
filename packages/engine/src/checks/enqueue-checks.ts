import { type ProbeSpec, probeSpecOf } from '@mcpulse/core';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import type { QueueBackend } from '@mcpulse/queue';
import { checkQueueName, JOB_POLICIES, type ProbeJob, probeJobId, probeJobSchema } from '../job-catalog.js';

/** A check outside the cadence: due at `atMs` in `region`. */
export interface Check {
  monitorId: string;
  region: string;
  atMs: number;
  spec: ProbeSpec;
  knownSchemaHash: string | null;
  /** The monitor's interval: the check is skipped if its worker picks it up later than this after `atMs`. */
  intervalSeconds: number;
  /** A directory monitor's check goes to its region's directory queue. */
  directory?: boolean;
  /** A directory endpoint's fixed, non-secret headers from its registry entry, sent with the check. */
  publicHeaders?: Record<string, string>;
}

/**
 * Enqueues checks that do not wait for the monitor's next slot: a new or
 * edited monitor's first check in each of its regions, and the re-checks that
 * confirm a change. Each is a slot of its own (its due time), so its result
 * is stored and counted like any scheduled one.
 */
export async function enqueueChecks(
  queues: QueueBackend,
  checks: readonly Check[],
  nowMs: number,
): Promise<void> {
  const byQueue = new Map<string, Array<{ data: ProbeJob; options: { jobId: string; delayMs: number } }>>();
  for (const check of checks) {
    const queue = checkQueueName(check.region, check.directory === true);
    const jobs = byQueue.get(queue) ?? [];
    jobs.push({
      data: {
        ...check.spec,
        monitorId: check.monitorId,
        region: check.region,
        slot: new Date(check.atMs).toISOString(),
        knownSchemaHash: check.knownSchemaHash,
        intervalSeconds: check.intervalSeconds,
        ...(check.directory ? { directory: true } : {}),
        ...(check.publicHeaders && Object.keys(check.publicHeaders).length > 0
          ? { publicHeaders: check.publicHeaders }
          : {}),
      },
      options: {
        jobId: probeJobId(check.monitorId, check.region, check.atMs),
        delayMs: Math.max(0, check.atMs - nowMs),
      },
    });
    byQueue.set(queue, jobs);
  }
  for (const [queue, jobs] of byQueue) {
    await queues.producer(queue, probeJobSchema, JOB_POLICIES.probe).addBulk(jobs);
  }
}

/** A monitor's check in every one of its regions, now. */
export function checksAtOnce(
  monitor: Parameters<typeof probeSpecOf>[0] & {
    id: string;
    regions: readonly string[];
    intervalSeconds: number;
    organizationId?: string;
  },
  knownSchemaHash: string | null,
  nowMs: number,
): Check[] {
  const spec = probeSpecOf(monitor);
  const directory = monitor.organizationId === DIRECTORY_ORGANIZATION_ID;
  return monitor.regions.map((region) => ({
    monitorId: monitor.id,
    region,
    atMs: nowMs,
    spec,
    knownSchemaHash,
    intervalSeconds: monitor.intervalSeconds,
    ...(directory ? { directory } : {}),
  }));
}
