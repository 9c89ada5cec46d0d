import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a status page subscriber's token lets its holder do: confirm the subscription (sent only
 * in the confirmation message) or end it (sent in every message). Each is only ever sent to the
 * subscriber's URL, so holding one proves reading what that URL receives.
 */
export type SubscriberTokenPurpose = 'confirm' | 'unsubscribe';

/**
 * A subscriber's token: an HMAC of its endpoint id under the deployment key (MCPULSE_SECRET_KEY),
 * so the API checks it and the sender writes it without storing anything. Deleting the
 * subscriber voids it: a new subscription has a new id.
 */
export function subscriberToken(key: Buffer, purpose: SubscriberTokenPurpose, endpointId: string): string {
  return createHmac('sha256', key)
    .update(`status-page-subscriber:${purpose}:${endpointId}`)
    .digest('base64url');
}

/** Compares in constant time, so the answer's timing says nothing of how much of a guess was right. */
export function isSubscriberToken(
  key: Buffer,
  purpose: SubscriberTokenPurpose,
  endpointId: string,
  candidate: string,
): boolean {
  const expected = Buffer.from(subscriberToken(key, purpose, endpointId));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
