import { seal, unseal } from './secret-box.js';

/** Binding the ciphertext to its endpoint stops a sealed secret being copied onto another endpoint. */
function context(endpointId: string): string {
  return `webhook-secret:${endpointId}`;
}

export function sealWebhookSecret(key: Buffer, endpointId: string, secret: string): string {
  return seal(key, secret, context(endpointId));
}

export function unsealWebhookSecret(key: Buffer, endpointId: string, sealed: string): string {
  return unseal(key, sealed, context(endpointId));
}

/**
 * Slack and Discord incoming-webhook URLs carry their own credential: whoever
 * has one can post to the channel. They are sealed at rest like secrets, bound
 * to their endpoint, and shown as their origin only.
 */
export const CHAT_WEBHOOK_FORMATS = ['slack', 'discord'] as const;

/** What an endpoint's sealed URL reads as: its origin, with the rest hidden. */
export function maskedWebhookUrl(url: string): string {
  return `${new URL(url).origin}/••••••`;
}

export function sealWebhookUrl(key: Buffer, endpointId: string, url: string): string {
  return seal(key, url, `webhook-url:${endpointId}`);
}

export function unsealWebhookUrl(key: Buffer, endpointId: string, sealed: string): string {
  return unseal(key, sealed, `webhook-url:${endpointId}`);
}
