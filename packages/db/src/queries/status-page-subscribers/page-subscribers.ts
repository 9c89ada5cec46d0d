import { and, asc, count, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { events, statusPages, webhookEndpoints } from '../../schema/index.js';
import { pageOwnedBy } from '../status-pages/owned-status-pages.js';

/** A subscriber left unconfirmed this long is dropped: its URL never proved it reads what it receives. */
export const UNCONFIRMED_SUBSCRIBER_TTL_MS = 86_400_000;

/** The page a subscriber acts on: found by its public slug, or by id within its owner's organisation. */
export interface SubscribedPage {
  id: string;
  organizationId: string;
  slug: string;
  /** Its `figures`: without `incidents` it shows no incident, so it has nothing to send. */
  figures: string[];
}

const pageColumns = {
  id: statusPages.id,
  organizationId: statusPages.organizationId,
  slug: statusPages.slug,
  figures: statusPages.figures,
};

/** The page published at `slug`, or null; with `forUpdate` its row stays locked until the transaction ends. */
export async function statusPageBySlug(
  db: Pick<Executor, 'select'>,
  slug: string,
  options: { forUpdate?: boolean } = {},
): Promise<SubscribedPage | null> {
  const query = db.select(pageColumns).from(statusPages).where(eq(statusPages.slug, slug));
  const [page] = options.forUpdate ? await query.for('update') : await query;
  return page ?? null;
}

/** One page of `organizationId`, or null: another organisation's page reads as missing. */
export async function ownedSubscribedPage(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  pageId: string,
): Promise<SubscribedPage | null> {
  const [page] = await db.select(pageColumns).from(statusPages).where(pageOwnedBy(organizationId, pageId));
  return page ?? null;
}

const ofPage = (pageId: string, subscriberId: string) =>
  and(eq(webhookEndpoints.statusPageId, pageId), eq(webhookEndpoints.id, subscriberId))!;

/** A subscriber as its page's owner and the API see it: no secret column is here. */
export interface SubscriberView {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

const viewColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  createdAt: webhookEndpoints.createdAt,
  confirmedAt: webhookEndpoints.confirmedAt,
};

/**
 * A subscriber and its page, found by the subscriber's id alone: the links sent to it name the
 * page's slug as it was then, and an owner may have renamed the page since. Null when there is none.
 */
export async function subscriberAndPage(
  db: Pick<Executor, 'select'>,
  subscriberId: string,
): Promise<{ page: SubscribedPage; subscriber: SubscriberView } | null> {
  const [row] = await db
    .select({ page: pageColumns, subscriber: viewColumns })
    .from(webhookEndpoints)
    .innerJoin(statusPages, eq(statusPages.id, webhookEndpoints.statusPageId))
    .where(eq(webhookEndpoints.id, subscriberId));
  return row ?? null;
}

/** One subscriber of the page, or null. */
export async function pageSubscriber(
  db: Pick<Executor, 'select'>,
  pageId: string,
  subscriberId: string,
): Promise<SubscriberView | null> {
  const [row] = await db.select(viewColumns).from(webhookEndpoints).where(ofPage(pageId, subscriberId));
  return row ?? null;
}

/** The page's subscribers, oldest first. */
export async function pageSubscribers(
  db: Pick<Executor, 'select'>,
  pageId: string,
): Promise<SubscriberView[]> {
  return db
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.statusPageId, pageId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/** Pending and confirmed subscribers of the page: what its bound counts. */
export async function countPageSubscribers(db: Pick<Executor, 'select'>, pageId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.statusPageId, pageId));
  return row?.n ?? 0;
}

/** Pending and confirmed subscribers of all the organisation's pages: what its bound counts. */
export async function countOrganizationSubscribers(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(
      and(eq(webhookEndpoints.organizationId, organizationId), isNotNull(webhookEndpoints.statusPageId)),
    );
  return row?.n ?? 0;
}

/** Marks the subscriber confirmed (once: a second confirmation keeps the first time). */
export async function confirmPageSubscriber(
  db: Pick<Executor, 'update'>,
  pageId: string,
  subscriberId: string,
  now: Date,
): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ confirmedAt: sql`coalesce(${webhookEndpoints.confirmedAt}, ${now.toISOString()}::timestamptz)` })
    .where(ofPage(pageId, subscriberId));
}

/** The dedupe key of a subscriber's confirmation event (an events row of its own, of no monitor). */
export const confirmationKey = (subscriberId: string) => `subscription.confirm:${subscriberId}`;

/**
 * The confirmation events of subscribers just deleted: their deliveries went with the endpoints,
 * and an anonymous visitor's subscription leaves nothing behind in the organisation's events.
 */
async function dropConfirmations(db: Pick<Executor, 'delete'>, subscriberIds: readonly string[]) {
  if (subscriberIds.length === 0) return;
  await db.delete(events).where(inArray(events.dedupeKey, subscriberIds.map(confirmationKey)));
}

/** Deletes one subscriber of the page with its deliveries; false when it had none by that id. */
export async function deletePageSubscriber(
  db: Pick<Executor, 'delete'>,
  pageId: string,
  subscriberId: string,
): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(ofPage(pageId, subscriberId))
    .returning({ id: webhookEndpoints.id });
  await dropConfirmations(
    db,
    rows.map((row) => row.id),
  );
  return rows.length > 0;
}

/**
 * Drops the subscribers that lapsed, of every page of one organisation or (without it) of every
 * page: those left unconfirmed for a day, and those the sender disabled (their receiver answered
 * 410, or failed for 24 h): nobody can turn a subscriber back on, and neither may hold a place
 * under the page's or the organisation's bound. Answers how many it dropped.
 */
export async function dropLapsedSubscribers(
  db: Pick<Executor, 'delete'>,
  now: Date,
  organizationId?: string,
): Promise<number> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(
      and(
        isNotNull(webhookEndpoints.statusPageId),
        ...(organizationId === undefined ? [] : [eq(webhookEndpoints.organizationId, organizationId)]),
        or(
          and(
            isNull(webhookEndpoints.confirmedAt),
            lt(webhookEndpoints.createdAt, new Date(now.getTime() - UNCONFIRMED_SUBSCRIBER_TTL_MS)),
          ),
          eq(webhookEndpoints.enabled, false),
        ),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  await dropConfirmations(
    db,
    rows.map((row) => row.id),
  );
  return rows.length;
}
