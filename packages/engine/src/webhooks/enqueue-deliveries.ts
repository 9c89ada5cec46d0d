import { randomUUID } from 'node:crypto';
import type { QueueBackend } from '@mcpulse/queue';
import { WEBHOOKS_QUEUE, type WebhookJob, webhookJobId, webhookJobSchema } from './webhook-job.js';

export interface DueAttempt {
  deliveryId: string;
  /** The attempt this job makes, counted from 1. */
  attempt: number;
  /** The delivery's `next_attempt_at`: the job runs only while it still says this. */
  due: Date;
}

/** Added in chunks, so the sender starts on the first endpoints of a large fan-out while the rest are queued. */
const CHUNK = 100;

/** Queues automatic attempts, each delayed until it is due; ids make adding one twice harmless. */
export async function enqueueAttempts(
  queues: QueueBackend,
  attempts: readonly DueAttempt[],
  now: Date,
): Promise<void> {
  const producer = queues.producer<WebhookJob>(WEBHOOKS_QUEUE, webhookJobSchema);
  for (let start = 0; start < attempts.length; start += CHUNK) {
    await producer.addBulk(
      attempts.slice(start, start + CHUNK).map(({ deliveryId, attempt, due }) => ({
        data: { deliveryId, due: due.toISOString() },
        options: {
          jobId: webhookJobId(deliveryId, attempt),
          delayMs: Math.max(0, due.getTime() - now.getTime()),
        },
      })),
    );
  }
}

/** Queues a redelivery a person asked for: it runs now, under the delivery's own `webhook-id`. */
export async function enqueueManualAttempt(queues: QueueBackend, deliveryId: string): Promise<void> {
  const producer = queues.producer<WebhookJob>(WEBHOOKS_QUEUE, webhookJobSchema);
  await producer.add({ deliveryId, manual: true }, { jobId: `${deliveryId}:manual:${randomUUID()}` });
}
