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
