import type { DeliveryBacklog, PoolUse } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ProcessMetrics } from './process-metrics.js';

/**
 * What each role measures of its own work, beside the process's figures (process-metrics.ts). Labels
 * are queue names, regions, outcomes and states only: closed lists or the deployment's own, so the
 * series are as few as its regions allow, never one per monitor or tenant (docs/metrics.md).
 */

/**
 * Reads `read` once per scrape for all the gauges that show it: prom-client collects each metric of
 * a registry on its own, and these share one round trip.
 */
function perScrape<T>(metrics: ProcessMetrics, read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  metrics.onScrape(() => {
    value = null;
  });
  return () => {
    value ??= read();
    return value;
  };
}

/**
 * The depth and age of every queue `names` lists, read at each scrape. The names come from the
 * deployment (`deploymentQueueNames`), so a queue added there is measured with no change here.
 */
export function queueMetrics(
  metrics: ProcessMetrics,
  queues: QueueBackend,
  names: () => readonly string[],
  now: () => number = Date.now,
): void {
  const { registry } = metrics;
  const read = perScrape(metrics, async () =>
    Promise.all(
      names().map(async (queue) => ({
        queue,
        depth: await queues.depth(queue),
        oldest: await queues.oldestWaiting(queue),
      })),
    ),
  );
  new Gauge({
    name: 'mcpulse_queue_jobs',
    help: 'Jobs in each queue now, by state (waiting: ready for a consumer; delayed: not due yet; active: being run)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, depth } of await read()) {
        this.set({ queue, state: 'waiting' }, depth.waiting);
        this.set({ queue, state: 'delayed' }, depth.delayed);
        this.set({ queue, state: 'active' }, depth.active);
      }
    },
  });
  new Gauge({
    name: 'mcpulse_queue_oldest_waiting_seconds',
    help: 'How long the job next in line in each queue has been ready to run (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      const at = now();
      for (const { queue, oldest } of await read())
        this.set({ queue }, oldest === null ? 0 : Math.max(0, (at - oldest) / 1000));
    },
  });
}

/** How the Postgres pool of this process is used, at each scrape; nothing for PGlite. */
export function poolMetrics({ registry }: ProcessMetrics, pool: () => PoolUse | null): void {
  new Gauge({
    name: 'mcpulse_db_pool_connections',
    help: 'Connections of the process’s Postgres pool, by state (busy: running a query)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      const use = pool();
      if (!use) return;
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'busy' }, use.total - use.idle);
    },
  });
  new Gauge({
    name: 'mcpulse_db_pool_max_connections',
    help: 'The most connections the process’s Postgres pool opens',
    registers: [registry],
    collect() {
      this.reset();
      const use = pool();
      if (use) this.set(use.max);
    },
  });
  new Gauge({
    name: 'mcpulse_db_pool_waiting_queries',
    help: 'Queries waiting for a free connection of the process’s Postgres pool',
    registers: [registry],
    collect() {
      this.reset();
      const use = pool();
      if (use) this.set(use.waiting);
    },
  });
}

/** What ingest counts of each batch it stores. */
export interface IngestMetrics {
  /** A batch ended: its outcome (null: it threw, and is redelivered whole) and how long it took. */
  batch(
    outcome: { received: number; stored: number; dropped: number; rejected: number; parked: number } | null,
    ms: number,
  ): void;
}

export function ingestMetrics({ registry }: ProcessMetrics): IngestMetrics {
  const results = new Counter({
    name: 'mcpulse_ingest_results_total',
    help: 'Results ingest handled, by outcome (stored; duplicate: stored before; dropped: monitor deleted or paused; rejected: stored as a failure; parked: refused)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const batches = new Counter({
    name: 'mcpulse_ingest_batches_total',
    help: 'Batches ingest ran, by result (failed: redelivered whole)',
    labelNames: ['result'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mcpulse_ingest_batch_duration_seconds',
    help: 'Time to store one batch of results with its rollups, state and events',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  for (const outcome of ['stored', 'duplicate', 'dropped', 'rejected', 'parked']) results.inc({ outcome }, 0);
  for (const result of ['ok', 'failed']) batches.inc({ result }, 0);
  return {
    batch(outcome, ms) {
      duration.observe(ms / 1000);
      batches.inc({ result: outcome ? 'ok' : 'failed' });
      if (!outcome) return;
      results.inc({ outcome: 'stored' }, outcome.stored);
      // A result stored before (a redelivered job) is neither stored again nor dropped.
      const counted = outcome.stored + outcome.dropped + outcome.rejected + outcome.parked;
      results.inc({ outcome: 'duplicate' }, Math.max(0, outcome.received - counted));
      results.inc({ outcome: 'dropped' }, outcome.dropped);
      results.inc({ outcome: 'rejected' }, outcome.rejected);
      results.inc({ outcome: 'parked' }, outcome.parked);
    },
  };
}

export const WEBHOOK_ATTEMPT_OUTCOMES = ['delivered', 'retrying', 'failed', 'skipped', 'deferred'] as const;
export type WebhookAttemptOutcome = (typeof WEBHOOK_ATTEMPT_OUTCOMES)[number];

/** What the webhook sender counts of its attempts. */
export interface WebhookMetrics {
  attempt(outcome: WebhookAttemptOutcome): void;
}

export function webhookMetrics({ registry }: ProcessMetrics): WebhookMetrics {
  const attempts = new Counter({
    name: 'mcpulse_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (retrying: failed, another attempt is queued; failed: no attempt left; skipped: nothing to send; deferred: an attempt to a status page subscriber put back while its organisation had its share in flight)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of WEBHOOK_ATTEMPT_OUTCOMES) attempts.inc({ outcome }, 0);
  return { attempt: (outcome) => attempts.inc({ outcome }) };
}

/** The deliveries waiting to be sent, across the deployment, read at each scrape. */
export function webhookBacklogMetrics(
  metrics: ProcessMetrics,
  backlog: (now: Date) => Promise<DeliveryBacklog>,
  now: () => Date = () => new Date(),
): void {
  const { registry } = metrics;
  const read = perScrape(metrics, () => backlog(now()));
  new Gauge({
    name: 'mcpulse_webhook_deliveries_pending',
    help: 'Webhook deliveries neither delivered nor given up, by whether their next attempt is due',
    labelNames: ['due'],
    registers: [registry],
    async collect() {
      this.reset();
      const { pending, due } = await read();
      this.set({ due: 'true' }, due);
      this.set({ due: 'false' }, pending - due);
    },
  });
  new Gauge({
    name: 'mcpulse_webhook_oldest_due_seconds',
    help: 'How overdue the most overdue webhook attempt is (0 when none is due)',
    registers: [registry],
    async collect() {
      this.reset();
      const { oldestDueAt } = await read();
      this.set(oldestDueAt ? Math.max(0, (now().getTime() - oldestDueAt.getTime()) / 1000) : 0);
    },
  });
}

/** The scheduler's figures, read from it at each scrape. */
export function schedulerMetrics(
  { registry }: ProcessMetrics,
  stats: () => { enqueued: number; monitors: number; leader: boolean },
): void {
  new Gauge({
    name: 'mcpulse_scheduler_leader',
    help: '1 while this scheduler leads (enqueues checks), 0 while it stands by',
    registers: [registry],
    collect() {
      this.set(stats().leader ? 1 : 0);
    },
  });
  new Gauge({
    name: 'mcpulse_scheduler_monitors',
    help: 'Monitors the scheduler last loaded (active ones only)',
    registers: [registry],
    collect() {
      this.set(stats().monitors);
    },
  });
  new Counter({
    name: 'mcpulse_scheduler_checks_enqueued_total',
    help: 'Checks this scheduler enqueued while it led',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats().enqueued);
    },
  });
}
