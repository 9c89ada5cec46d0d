import { STATUS_PAGE_FIGURES, type StatusPageFigure } from '@mcpulse/core/domain';
import type { Db } from '../database.js';
import { statusPageGroups, statusPageMonitors, statusPages } from '../schema/index.js';

/**
 * A status page straight into the database, with one group showing `monitors` (each under its
 * display name, or its own name when null): for tests of what follows from a page, without the
 * owner's API.
 */
export async function seedStatusPage(
  db: Db,
  page: {
    organizationId: string;
    slug: string;
    title?: string;
    /** Every figure unless given, as the owner API's default. */
    figures?: StatusPageFigure[];
    monitors: ReadonlyArray<{ id: string; displayName?: string | null }>;
  },
): Promise<string> {
  const [row] = await db
    .insert(statusPages)
    .values({
      organizationId: page.organizationId,
      slug: page.slug,
      title: page.title ?? `Status of ${page.slug}`,
      figures: page.figures ?? [...STATUS_PAGE_FIGURES],
    })
    .returning({ id: statusPages.id });
  const pageId = row!.id;
  const [group] = await db
    .insert(statusPageGroups)
    .values({ pageId, name: 'Services', position: 0 })
    .returning({ id: statusPageGroups.id });
  if (page.monitors.length > 0) {
    await db.insert(statusPageMonitors).values(
      page.monitors.map((monitor, position) => ({
        pageId,
        groupId: group!.id,
        monitorId: monitor.id,
        displayName: monitor.displayName ?? null,
        position,
      })),
    );
  }
  return pageId;
}
