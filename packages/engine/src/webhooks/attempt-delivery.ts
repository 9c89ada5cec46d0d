import type { Logger } from '@mcpulse/config';
import { isWebhookSuccess } from '@mcpulse/core';
import type { Db } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import type { WebhookAttemptOutcome } from '../metrics/role-metrics.js';
import { type ClaimedDelivery, stopIfEndpointDisabled } from './claim-attempt.js';
import { enqueueAttempts } from './enqueue-deliveries.js';
import { type AttemptRecord, recordFailure } from './record-attempt.js';
import { type SendSettings, sendAttempt } from './send-attempt.js';
import type { WebhookJob } from './webhook-job.js';

export interface AttemptDeps extends SendSettings {
  db: Db;
  queues: QueueBackend;
  /** Claims share round trips with the attempts running beside them (see claimAttempts). */
  claim: (job: WebhookJob) => Promise<ClaimedDelivery | null>;
  recordSuccess: (record: AttemptRecord) => Promise<void>;
  now: () => Date;
  random: () => number;
  logger: Logger;
  /** Told how each attempt ended (metrics). */
  onAttempt?: (outcome: WebhookAttemptOutcome) => void;
}

/** One job of the webhooks queue: claim the attempt, send it, log it, and queue the retry. */
export async function attemptDelivery(deps: AttemptDeps, job: WebhookJob): Promise<void> {
  const delivery = await deps.claim(job);
  if (!delivery) {
    // A duplicate or stale job, a delivery already settled or deleted, or an endpoint disabled meanwhile.
    if (!('manual' in job)) await stopIfEndpointDisabled(deps.db, job.deliveryId);
    deps.onAttempt?.('skipped');
    return;
  }
  const result = await sendAttempt(delivery, deps, delivery.attemptedAt);
  const record: AttemptRecord = {
    deliveryId: delivery.id,
    endpointId: delivery.endpoint.id,
    attempt: delivery.attempt,
    manual: 'manual' in job,
    attemptedAt: delivery.attemptedAt,
    deliveryCreatedAt: delivery.createdAt,
    subscriberOf: delivery.endpoint.subscriberOf,
    result,
  };
  if (!result.permanent && isWebhookSuccess(result.statusCode)) {
    await deps.recordSuccess(record);
    deps.onAttempt?.('delivered');
    return;
  }
  const now = deps.now();
  const retry = await recordFailure(deps.db, record, now, deps.random);
  deps.logger.debug(
    {
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      statusCode: result.statusCode,
      retryAt: retry?.due,
    },
    'webhook attempt failed',
  );
  if (retry) await enqueueAttempts(deps.queues, [retry], now);
  deps.onAttempt?.(retry ? 'retrying' : 'failed');
}
