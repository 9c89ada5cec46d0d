import { STATUS_PAGE_FIGURES, type StatusPageFigure } from '@mcpulse/core/domain';
import { type Db, statusPageGroups, statusPageMonitors, statusPages } from '@mcpulse/db';

export interface PageFixture {
  slug: string;
  title?: string;
  description?: string;
  logoUrl?: string | null;
  customDomain?: string | null;
  /** When its organisation proved the domain theirs; null (the default) while unproved. */
  customDomainVerifiedAt?: Date | null;
  figures?: StatusPageFigure[];
  groups: Array<{ name: string; monitors: Array<{ monitorId: string; displayName?: string | null }> }>;
}

/** A status page written straight into the database, as the owner API would store it. */
export async function insertStatusPage(
  db: Db,
  organizationId: string,
  fixture: PageFixture,
): Promise<string> {
  const [page] = await db
    .insert(statusPages)
    .values({
      organizationId,
      slug: fixture.slug,
      title: fixture.title ?? 'Acme status',
      description: fixture.description ?? '',
      logoUrl: fixture.logoUrl ?? null,
      customDomain: fixture.customDomain ?? null,
      customDomainVerifiedAt: fixture.customDomainVerifiedAt ?? null,
      figures: fixture.figures ?? [...STATUS_PAGE_FIGURES],
    })
    .returning({ id: statusPages.id });
  for (const [position, group] of fixture.groups.entries()) {
    const [row] = await db
      .insert(statusPageGroups)
      .values({ pageId: page!.id, name: group.name, position })
      .returning({ id: statusPageGroups.id });
    if (group.monitors.length === 0) continue;
    await db.insert(statusPageMonitors).values(
      group.monitors.map((monitor, index) => ({
        pageId: page!.id,
        groupId: row!.id,
        monitorId: monitor.monitorId,
        displayName: monitor.displayName ?? null,
        position: index,
      })),
    );
  }
  return page!.id;
}
