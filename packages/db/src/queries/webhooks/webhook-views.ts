import type { EventType, WebhookDisabledReason, WebhookFormat } from '@mcpulse/core/domain';
import { asc, type SQL } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { webhookEndpoints } from '../../schema/index.js';
import { ownWebhooksOf, webhookOwnedBy } from './owned-webhook.js';

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

/** Endpoints matching `where`, oldest first. */
async function webhookViews(db: Pick<Executor, 'select'>, where: SQL): Promise<WebhookView[]> {
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

export async function listWebhookViews(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<WebhookView[]> {
  return webhookViews(db, ownWebhooksOf(organizationId));
}

/** One endpoint of `organizationId` as clients see it, or null when it has none by that id. */
export async function ownedWebhookView(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  webhookId: string,
): Promise<WebhookView | null> {
  const [webhook] = await webhookViews(db, webhookOwnedBy(organizationId, webhookId));
  return webhook ?? null;
}
