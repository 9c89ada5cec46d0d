import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const WEBHOOKS_QUEUE = 'webhooks';
/**
 * Status page subscribers' attempts: a queue of their own, consumed with a smaller budget, so an
 * organisation's own webhooks never wait behind a page's public fan-out (docs/webhooks.md).
 */
export const WEBHOOK_SUBSCRIBERS_QUEUE = 'webhooks-subscribers';

/** The queue of a delivery's attempts: its endpoint's organisation when it is a page's subscriber, else null. */
export function webhookQueueOf(subscriberOf: string | null): string {
  return subscriberOf === null ? WEBHOOKS_QUEUE : WEBHOOK_SUBSCRIBERS_QUEUE;
}

/**
 * One attempt at one delivery. An automatic attempt names the `due` time it
 * was scheduled for and runs only while the delivery still waits for exactly
 * that time, so a duplicated or stale job finds nothing to do. A manual
 * attempt (a person's redelivery) runs whatever the delivery's state.
 */
export const webhookJobSchema = z.union([
  z.object({
    deliveryId: z.uuid(),
    due: z.iso.datetime(),
    /**
     * A subscriber's attempt: the organisation whose share of the subscribers' budget it takes.
     * Absent on the organisation's own attempts (and on subscriber jobs queued before it existed).
     */
    organizationId: z.uuid().optional(),
    /** How many times it was put back because its organisation had its share in flight. */
    waits: z.number().int().nonnegative().optional(),
  }),
  z.object({ deliveryId: z.uuid(), manual: z.literal(true) }),
]);
export type WebhookJob = z.infer<typeof webhookJobSchema>;

/** The first attempt's job id is the delivery id; retries add their attempt number. */
export function webhookJobId(deliveryId: string, attempt: number): string {
  return attempt <= 1 ? deliveryId : `${deliveryId}:${attempt}`;
}

/** The `webhook-id` of every attempt of one delivery. */
export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}
