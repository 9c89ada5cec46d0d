import { randomUUID } from 'node:crypto';
import type { QueueBackend } from '@mcpulse/queue';
import {
  WEBHOOK_SUBSCRIBERS_QUEUE,
  WEBHOOKS_QUEUE,
  type WebhookJob,
  webhookJobId,
  webhookJobSchema,
} from './webhook-job.js';

export interface DueAttempt {
  deliveryId: string;
  /** The attempt this job makes, counted from 1. */
  attempt: number;
  /** The delivery's `next_attempt_at`: the job runs only while it still says this. */
  due: Date;
  /**
   * The organisation of the status page subscriber the delivery goes to, whose attempts take the
   * subscribers' queue; null for the organisation's own endpoints. Required, so that every producer
   * of attempts says which queue they belong on.
   */
  subscriberOf: string | null;
}

/** Added in chunks, so the sender starts on the first endpoints of a large fan-out while the rest are queued. */
const CHUNK = 100;

async function addAll(
  queues: QueueBackend,
  queue: string,
  attempts: readonly DueAttempt[],
  now: Date,
): Promise<void> {
  const producer = queues.producer<WebhookJob>(queue, webhookJobSchema);
  for (let start = 0; start < attempts.length; start += CHUNK) {
    await producer.addBulk(
      attempts.slice(start, start + CHUNK).map(({ deliveryId, attempt, due, subscriberOf }) => ({
        data: {
          deliveryId,
          due: due.toISOString(),
          ...(subscriberOf === null ? {} : { organizationId: subscriberOf }),
        },
        options: {
          jobId: webhookJobId(deliveryId, attempt),
          delayMs: Math.max(0, due.getTime() - now.getTime()),
        },
      })),
    );
  }
}

/**
 * Queues automatic attempts, each delayed until it is due; ids make adding one twice harmless.
 * The organisations' own attempts are queued first: they never wait behind a page's subscribers.
 */
export async function enqueueAttempts(
  queues: QueueBackend,
  attempts: readonly DueAttempt[],
  now: Date,
): Promise<void> {
  const own = attempts.filter((attempt) => attempt.subscriberOf === null);
  if (own.length > 0) await addAll(queues, WEBHOOKS_QUEUE, own, now);
  const subscribers = attempts.filter((attempt) => attempt.subscriberOf !== null);
  if (subscribers.length > 0) await addAll(queues, WEBHOOK_SUBSCRIBERS_QUEUE, subscribers, now);
}

/**
 * Queues a redelivery a person asked for: it runs now, under the delivery's own `webhook-id`. Only
 * an organisation's own endpoints are redelivered by hand (the webhook API never reaches a page's
 * subscribers), so it always takes the own queue.
 */
export async function enqueueManualAttempt(queues: QueueBackend, deliveryId: string): Promise<void> {
  const producer = queues.producer<WebhookJob>(WEBHOOKS_QUEUE, webhookJobSchema);
  await producer.add({ deliveryId, manual: true }, { jobId: `${deliveryId}:manual:${randomUUID()}` });
}
