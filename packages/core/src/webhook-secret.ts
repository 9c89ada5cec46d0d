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
 * An endpoint URL that carries its own credential (see `urlIsCredential` of
 * the channels) is sealed at rest like a secret, bound to its endpoint, and
 * shown by its origin only.
 */
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
