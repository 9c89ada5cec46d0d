import type { StatusPageFigure } from '@mcpulse/core/domain';
import { and, asc, count, eq, inArray, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import {
  monitors,
  statusPageGroups,
  statusPageMonitors,
  statusPages,
  webhookEndpoints,
} from '../../schema/index.js';

/** A page as its owner writes it: every field, groups and their monitors in the order shown. */
export interface StatusPageContent {
  slug: string;
  title: string;
  description: string;
  logoUrl: string | null;
  customDomain: string | null;
  figures: StatusPageFigure[];
  groups: Array<{ name: string; monitors: Array<{ monitorId: string; displayName: string | null }> }>;
}

export interface StatusPageRecord extends Omit<StatusPageContent, 'groups'> {
  id: string;
  groups: Array<{
    id: string;
    name: string;
    monitors: Array<{ monitorId: string; displayName: string | null; monitorName: string }>;
  }>;
  /** When the organisation last proved it controls `customDomain`'s DNS; null while unproved. */
  customDomainVerifiedAt: Date | null;
  /** Confirmed, enabled webhook subscribers. */
  subscribers: number;
  createdAt: Date;
  updatedAt: Date;
}

type PageRow = typeof statusPages.$inferSelect;

/** The owner scope of a page: another organisation's page reads exactly like a missing one. */
export function pageOwnedBy(organizationId: string, pageId: string): SQL {
  return and(eq(statusPages.organizationId, organizationId), eq(statusPages.id, pageId))!;
}

/** Whether another page than `exceptPageId` already uses the slug, or the custom domain. */
export async function takenPageNames(
  db: Pick<Executor, 'select'>,
  content: Pick<StatusPageContent, 'slug' | 'customDomain'>,
  exceptPageId: string | null,
): Promise<{ slug: boolean; customDomain: boolean }> {
  const names = [eq(statusPages.slug, content.slug)];
  if (content.customDomain !== null) names.push(eq(statusPages.customDomain, content.customDomain));
  const rows = await db
    .select({ slug: statusPages.slug, customDomain: statusPages.customDomain })
    .from(statusPages)
    .where(and(or(...names), exceptPageId === null ? undefined : ne(statusPages.id, exceptPageId)));
  return {
    slug: rows.some((row) => row.slug === content.slug),
    customDomain:
      content.customDomain !== null && rows.some((row) => row.customDomain === content.customDomain),
  };
}

export async function countStatusPages(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<number> {
  const [row] = await db
    .select({ pages: count() })
    .from(statusPages)
    .where(eq(statusPages.organizationId, organizationId));
  return row?.pages ?? 0;
}

/** Writes the groups and monitors of a page whose old ones are gone. */
async function insertComposition(tx: Executor, pageId: string, groups: StatusPageContent['groups']) {
  for (const [position, group] of groups.entries()) {
    const [stored] = await tx
      .insert(statusPageGroups)
      .values({ pageId, name: group.name, position })
      .returning({ id: statusPageGroups.id });
    if (!stored) throw new Error('group insert returned no row');
    if (group.monitors.length === 0) continue;
    await tx.insert(statusPageMonitors).values(
      group.monitors.map((monitor, index) => ({
        pageId,
        groupId: stored.id,
        monitorId: monitor.monitorId,
        displayName: monitor.displayName,
        position: index,
      })),
    );
  }
}

function pageColumns(content: StatusPageContent) {
  const { groups: _groups, ...columns } = content;
  return columns;
}

/** Stores a new page of `organizationId` with its groups; call inside a transaction. */
export async function insertStatusPage(
  tx: Executor,
  organizationId: string,
  content: StatusPageContent,
  now: Date,
): Promise<string> {
  const [page] = await tx
    .insert(statusPages)
    .values({ organizationId, ...pageColumns(content), createdAt: now, updatedAt: now })
    .returning({ id: statusPages.id });
  if (!page) throw new Error('status page insert returned no row');
  await insertComposition(tx, page.id, content.groups);
  return page.id;
}

/** Replaces every field and the groups of one page of `organizationId`; false when it has none by that id. */
export async function replaceStatusPage(
  tx: Executor,
  organizationId: string,
  pageId: string,
  content: StatusPageContent,
  now: Date,
): Promise<boolean> {
  // A proof of control is of one domain: a page that names another has proved nothing yet.
  const verifiedAt = sql`case when ${statusPages.customDomain} is not distinct from ${content.customDomain}
    then ${statusPages.customDomainVerifiedAt} end`;
  const updated = await tx
    .update(statusPages)
    .set({ ...pageColumns(content), customDomainVerifiedAt: verifiedAt, updatedAt: now })
    .where(pageOwnedBy(organizationId, pageId))
    .returning({ id: statusPages.id });
  if (updated.length === 0) return false;
  // Monitors go with their groups (cascade).
  await tx.delete(statusPageGroups).where(eq(statusPageGroups.pageId, pageId));
  await insertComposition(tx, pageId, content.groups);
  return true;
}

/**
 * Records that the organisation proved control of the page's domain at `at`, or that it no longer
 * does (null). Only while the page still names `domain`: a check that raced a change of domain
 * proves nothing about the new one. False when no page of `organizationId` matched.
 */
export async function setDomainVerifiedAt(
  db: Pick<Executor, 'update'>,
  organizationId: string,
  pageId: string,
  domain: string,
  at: Date | null,
): Promise<boolean> {
  const updated = await db
    .update(statusPages)
    .set({ customDomainVerifiedAt: at })
    .where(and(pageOwnedBy(organizationId, pageId), eq(statusPages.customDomain, domain)))
    .returning({ id: statusPages.id });
  return updated.length > 0;
}

/** Deletes one page of `organizationId` (groups and subscribers cascade); false when it has none by that id. */
export async function deleteStatusPage(
  db: Pick<Executor, 'delete'>,
  organizationId: string,
  pageId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(statusPages)
    .where(pageOwnedBy(organizationId, pageId))
    .returning({ id: statusPages.id });
  return deleted.length > 0;
}

/** Pages with their groups, monitors and subscriber counts, in a fixed number of statements. */
async function records(db: Pick<Executor, 'select'>, pages: PageRow[]): Promise<StatusPageRecord[]> {
  if (pages.length === 0) return [];
  const ids = pages.map((page) => page.id);
  const [groups, shown, subscribers] = await Promise.all([
    db
      .select()
      .from(statusPageGroups)
      .where(inArray(statusPageGroups.pageId, ids))
      .orderBy(asc(statusPageGroups.position), asc(statusPageGroups.id)),
    db
      .select({
        groupId: statusPageMonitors.groupId,
        monitorId: statusPageMonitors.monitorId,
        displayName: statusPageMonitors.displayName,
        monitorName: monitors.name,
      })
      .from(statusPageMonitors)
      .innerJoin(monitors, eq(monitors.id, statusPageMonitors.monitorId))
      .where(inArray(statusPageMonitors.pageId, ids))
      .orderBy(asc(statusPageMonitors.position), asc(statusPageMonitors.monitorId)),
    db
      .select({ pageId: webhookEndpoints.statusPageId, subscribers: count() })
      .from(webhookEndpoints)
      .where(
        and(
          inArray(webhookEndpoints.statusPageId, ids),
          isNotNull(webhookEndpoints.confirmedAt),
          eq(webhookEndpoints.enabled, true),
        ),
      )
      .groupBy(webhookEndpoints.statusPageId),
  ]);
  return pages.map((page) => ({
    id: page.id,
    slug: page.slug,
    title: page.title,
    description: page.description,
    logoUrl: page.logoUrl,
    customDomain: page.customDomain,
    customDomainVerifiedAt: page.customDomainVerifiedAt,
    figures: page.figures as StatusPageFigure[],
    groups: groups
      .filter((group) => group.pageId === page.id)
      .map((group) => ({
        id: group.id,
        name: group.name,
        monitors: shown
          .filter((monitor) => monitor.groupId === group.id)
          .map(({ monitorId, displayName, monitorName }) => ({ monitorId, displayName, monitorName })),
      })),
    subscribers: subscribers.find((row) => row.pageId === page.id)?.subscribers ?? 0,
    createdAt: page.createdAt,
    updatedAt: page.updatedAt,
  }));
}

/** Every page of `organizationId`, oldest first. */
export async function listStatusPages(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<StatusPageRecord[]> {
  const pages = await db
    .select()
    .from(statusPages)
    .where(eq(statusPages.organizationId, organizationId))
    .orderBy(asc(statusPages.createdAt), asc(statusPages.id));
  return records(db, pages);
}

/** One page of `organizationId`, or null when it has none by that id. */
export async function ownedStatusPage(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  pageId: string,
): Promise<StatusPageRecord | null> {
  const pages = await db.select().from(statusPages).where(pageOwnedBy(organizationId, pageId));
  const [record] = await records(db, pages);
  return record ?? null;
}

/** The ids of the pages that show any of `monitorIds`: what an incident update changes. */
export async function pagesShowing(
  db: Pick<Executor, 'select'>,
  monitorIds: readonly string[],
): Promise<string[]> {
  if (monitorIds.length === 0) return [];
  const rows = await db
    .select({ pageId: statusPageMonitors.pageId })
    .from(statusPageMonitors)
    .where(inArray(statusPageMonitors.monitorId, [...monitorIds]))
    .groupBy(statusPageMonitors.pageId);
  return rows.map((row) => row.pageId);
}
