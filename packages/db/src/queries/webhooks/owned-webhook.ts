import { and, count, eq, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { webhookEndpoints } from '../../schema/index.js';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewWebhookEndpoint = typeof webhookEndpoints.$inferInsert & { id: string };
export type WebhookEndpointChanges = Partial<
  Omit<typeof webhookEndpoints.$inferInsert, 'id' | 'organizationId'>
>;

/**
 * The organisation's own endpoints: a status page's subscribers are stored beside them (for the
 * delivery machinery) but belong to whoever subscribed, so the owner's webhook API never sees them.
 */
export function ownWebhooksOf(organizationId: string): SQL {
  return and(eq(webhookEndpoints.organizationId, organizationId), isNull(webhookEndpoints.statusPageId))!;
}

/**
 * The owner scope of a webhook endpoint: every query that acts on an endpoint
 * for an organisation narrows by it, so another organisation's endpoint (or a
 * status page's subscriber) reads exactly like a missing one.
 */
export function webhookOwnedBy(organizationId: string, webhookId: string): SQL {
  return and(ownWebhooksOf(organizationId), eq(webhookEndpoints.id, webhookId))!;
}

/**
 * One endpoint of `organizationId`, secrets included, or null when it has
 * none by that id. With `forUpdate` its row stays locked until the caller's
 * transaction ends.
 */
export async function ownedWebhookEndpoint(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  webhookId: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookEndpointRow | null> {
  const query = db.select().from(webhookEndpoints).where(webhookOwnedBy(organizationId, webhookId));
  const [endpoint] = options.forUpdate ? await query.for('update') : await query;
  return endpoint ?? null;
}

export async function insertWebhookEndpoint(
  tx: Pick<Executor, 'insert'>,
  endpoint: NewWebhookEndpoint,
): Promise<void> {
  await tx.insert(webhookEndpoints).values(endpoint);
}

/** Changes one endpoint of `organizationId`; nothing when it has none by that id. */
export async function updateOwnedWebhookEndpoint(
  db: Pick<Executor, 'update'>,
  organizationId: string,
  webhookId: string,
  changes: WebhookEndpointChanges,
): Promise<void> {
  await db.update(webhookEndpoints).set(changes).where(webhookOwnedBy(organizationId, webhookId));
}

/** Deletes one endpoint of `organizationId` (its deliveries cascade); false when it has none by that id. */
export async function deleteOwnedWebhookEndpoint(
  db: Pick<Executor, 'delete'>,
  organizationId: string,
  webhookId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(webhookOwnedBy(organizationId, webhookId))
    .returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}

export async function countWebhookEndpoints(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<number> {
  const [usage] = await db
    .select({ endpoints: count() })
    .from(webhookEndpoints)
    .where(ownWebhooksOf(organizationId));
  return usage?.endpoints ?? 0;
}
