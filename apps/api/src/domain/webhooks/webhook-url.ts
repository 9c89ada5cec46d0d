import { maskedWebhookUrl, sealWebhookUrl, unsealWebhookUrl } from '@mcpulse/core';
import { type WebhookFormat, webhookChannel } from '@mcpulse/core/domain';
import { type Executor, plainChatUrlEndpoints, sealEndpointUrl } from '@mcpulse/db';

/**
 * The columns that store `url` for an endpoint of `format`: a URL that is its
 * credential (a chat channel's), so it is sealed and only its origin is kept in view.
 */
export function storedUrl(
  secretKey: Buffer,
  endpointId: string,
  url: string,
  format: WebhookFormat,
): { url: string; urlSealed: string | null } {
  if (!webhookChannel(format).urlIsCredential) return { url, urlSealed: null };
  return { url: maskedWebhookUrl(url), urlSealed: sealWebhookUrl(secretKey, endpointId, url) };
}

/** The full URL an endpoint row stands for. */
export function fullUrl(
  secretKey: Buffer,
  endpointId: string,
  row: { url: string; urlSealed: string | null },
): string {
  return row.urlSealed === null ? row.url : unsealWebhookUrl(secretKey, endpointId, row.urlSealed);
}

/**
 * Seals the URLs of chat endpoints stored before URLs were sealed. Run at
 * start-up, after the migrations; idempotent, and cheap once done.
 */
export async function sealStoredChatUrls(db: Executor, secretKey: Buffer): Promise<number> {
  const plain = await plainChatUrlEndpoints(db);
  for (const endpoint of plain) {
    await sealEndpointUrl(db, endpoint.id, storedUrl(secretKey, endpoint.id, endpoint.url, endpoint.format));
  }
  return plain.length;
}
