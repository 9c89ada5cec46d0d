import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const WEBHOOKS_QUEUE = 'webhooks';

/**
 * One attempt at one delivery. An automatic attempt names the `due` time it
 * was scheduled for and runs only while the delivery still waits for exactly
 * that time, so a duplicated or stale job finds nothing to do. A manual
 * attempt (a person's redelivery) runs whatever the delivery's state.
 */
export const webhookJobSchema = z.union([
  z.object({ deliveryId: z.uuid(), due: z.iso.datetime() }),
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
