import http from 'node:http';
import https from 'node:https';
import type { Logger } from '@mcpulse/config';
import type { StatusPageMessage } from '@mcpulse/core';
import type { Db } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import type { WebhookMetrics } from '../metrics/role-metrics.js';
import { attemptDelivery } from './attempt-delivery.js';
import { BoundedMemo } from './bounded-memo.js';
import { claimAttempts } from './claim-attempt.js';
import { microBatch } from './micro-batch.js';
import { memoryOrganizationGate, type OrganizationGate, subscriberShare } from './organization-gate.js';
import { type AttemptRecord, recordSuccesses } from './record-attempt.js';
import { attemptForSubscriber, type Postponement, postponeAttempts } from './subscriber-attempt.js';
import { type SweepOutcome, sweepDeliveries } from './sweep-deliveries.js';
import {
  WEBHOOK_SUBSCRIBERS_QUEUE,
  WEBHOOKS_QUEUE,
  type WebhookJob,
  webhookJobSchema,
} from './webhook-job.js';

/** Attempts that start or finish within a few milliseconds of each other share a database round trip. */
const BATCHING = { maxItems: 100, maxWaitMs: 2 };

export interface WebhookSenderOptions {
  db: Db;
  queues: QueueBackend;
  /** Opens the endpoints' signing secrets. */
  secretKey: Buffer;
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  /** MCPULSE_PUBLIC_URL: where status page subscribers' links point. Without it they are paths. */
  publicUrl?: string;
  /** Attempts in flight at once (default 100); each mostly waits on a receiver. */
  concurrency?: number;
  /** Attempts to status page subscribers in flight at once, from their own queue (default 20). */
  subscriberConcurrency?: number;
  /**
   * Where organisations take their places among the subscriber attempts in flight (a quarter of
   * `subscriberConcurrency` each); senders that share it share the bound. Default: this process's.
   */
  subscriberGate?: OrganizationGate;
  /** How often the sweep looks for lost fan-outs and overdue attempts; it also runs once at start. */
  sweepIntervalMs?: number;
  now?: () => Date;
  /** [0, 1); the backoff's jitter. */
  random?: () => number;
  logger: Logger;
  /** Where attempts are counted (the process's `/metrics`). */
  metrics?: WebhookMetrics;
}

export interface WebhookSender {
  /** Runs the sweep now (it also runs on its own). */
  sweep(): Promise<SweepOutcome>;
  /** Stops taking attempts, lets those in flight finish and log, and stops the sweep. */
  stop(): Promise<void>;
}

/**
 * Consumes the webhooks queue and, with a budget of its own, the status page subscribers' queue:
 * signs, sends, logs and schedules every attempt.
 */
export function startWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const now = options.now ?? (() => new Date());
  const deps = {
    db: options.db,
    queues: options.queues,
    secretKey: options.secretKey,
    allowPrivateTargets: options.allowPrivateTargets,
    ...(options.allowedTargetCidrs ? { allowedTargetCidrs: options.allowedTargetCidrs } : {}),
    agents: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
    publicUrl: (options.publicUrl ?? '').replace(/\/+$/, ''),
    memo: {
      bodies: new BoundedMemo<string>(1_000),
      pages: new BoundedMemo<StatusPageMessage>(1_000),
      secrets: new BoundedMemo<string>(10_000),
    },
    claim: microBatch((jobs: WebhookJob[]) => claimAttempts(options.db, jobs, now()), {
      ...BATCHING,
      keyOf: (job) => job.deliveryId,
    }),
    recordSuccess: microBatch((records: AttemptRecord[]) => recordSuccesses(options.db, records), BATCHING),
    now,
    random: options.random ?? Math.random,
    logger: options.logger,
    ...(options.metrics ? { onAttempt: options.metrics.attempt } : {}),
  };
  const consumer = options.queues.consume(
    WEBHOOKS_QUEUE,
    webhookJobSchema,
    (job) => attemptDelivery(deps, job.data),
    { concurrency: options.concurrency ?? 100 },
  );
  const subscriberConcurrency = options.subscriberConcurrency ?? 20;
  const subscriberDeps = {
    ...deps,
    gate: options.subscriberGate ?? memoryOrganizationGate(subscriberShare(subscriberConcurrency)),
    postpone: microBatch((items: Postponement[]) => postponeAttempts(options.db, items), {
      ...BATCHING,
      keyOf: (item) => item.deliveryId,
    }),
    // A put-back job's id is new each time (it names its new due time), so nothing needs it
    // remembered once it has run: a thousand subscribers put back for an hour leave no keys behind.
    again: options.queues.producer<WebhookJob>(WEBHOOK_SUBSCRIBERS_QUEUE, webhookJobSchema, {
      dedupeWindowMs: 0,
    }),
  };
  const subscriberConsumer = options.queues.consume(
    WEBHOOK_SUBSCRIBERS_QUEUE,
    webhookJobSchema,
    (job) => attemptForSubscriber(subscriberDeps, job.data),
    { concurrency: subscriberConcurrency },
  );
  let running: Promise<SweepOutcome> | null = null;
  const sweep = () => {
    running ??= sweepDeliveries(options.db, options.queues, now())
      .then((outcome) => {
        if (outcome.fannedOut || outcome.requeued)
          options.logger.warn(outcome, 'webhook sweep recovered work');
        return outcome;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const background = () =>
    void sweep().catch((error: unknown) => options.logger.error({ err: error }, 'webhook sweep failed'));
  const timer = setInterval(background, options.sweepIntervalMs ?? 30_000);
  timer.unref();
  background();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
      await Promise.all([consumer.close(), subscriberConsumer.close()]);
      deps.agents.http.destroy();
      deps.agents.https.destroy();
    },
  };
}
