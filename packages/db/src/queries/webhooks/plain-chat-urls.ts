import { CREDENTIAL_URL_FORMATS, type WebhookFormat } from '@mcpulse/core/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { webhookEndpoints } from '../../schema/index.js';

/** Endpoints of a format whose URL is its credential, stored before such URLs were sealed. */
export async function plainChatUrlEndpoints(
  db: Pick<Executor, 'select'>,
): Promise<Array<{ id: string; url: string; format: WebhookFormat }>> {
  return db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, format: webhookEndpoints.format })
    .from(webhookEndpoints)
    .where(
      and(inArray(webhookEndpoints.format, [...CREDENTIAL_URL_FORMATS]), isNull(webhookEndpoints.urlSealed)),
    );
}

/** Stores an endpoint's URL sealed, unless another process sealed it first. */
export async function sealEndpointUrl(
  db: Pick<Executor, 'update'>,
  endpointId: string,
  stored: { url: string; urlSealed: string | null },
): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set(stored)
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.urlSealed)));
}
