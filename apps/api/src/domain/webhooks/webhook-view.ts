import type { EventType, WebhookDisabledReason, WebhookFormat } from '@mcpulse/core/domain';
import { type Executor, webhookEndpoints } from '@mcpulse/db';
import { asc, type SQL } from 'drizzle-orm';

/** An endpoint as clients see it: its signing secrets are never part of it. */
export interface WebhookView {
  id: string;
  url: string;
  description: string;
  format: WebhookFormat;
  eventTypes: EventType[];
  monitorIds: string[] | null;
  enabled: boolean;
  disabledReason: WebhookDisabledReason | null;
  failingSince: Date | null;
  createdAt: Date;
}

/** What is never selected cannot leak into a response: no secret column is here. */
const viewColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  format: webhookEndpoints.format,
  eventTypes: webhookEndpoints.eventTypes,
  monitorIds: webhookEndpoints.monitorIds,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};

/** Endpoints matching `where` (which must scope by organisation), oldest first. */
export async function queryWebhookViews(
  db: Pick<Executor, 'select'>,
  where: SQL | undefined,
): Promise<WebhookView[]> {
  const rows = await db
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(where)
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows.map((row) => ({
    ...row,
    eventTypes: row.eventTypes as EventType[],
    disabledReason: row.disabledReason as WebhookDisabledReason | null,
  }));
}
