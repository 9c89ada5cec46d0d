import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { monitorReleases } from '../schema/index.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';

export interface ReleaseView {
  id: string;
  /** When the release was confirmed: the slot of the second result in a row that showed it. */
  occurredAt: Date;
  /** The slot of the first result that showed it: where the release is drawn. */
  firstSeenAt: Date;
  serverName: string | null;
  fromVersion: string;
  toVersion: string;
}

export interface ReleaseFilter {
  /** Releases confirmed at or after this time. */
  from?: Date | undefined;
  /** Releases confirmed before this time. */
  to?: Date | undefined;
}

/** A monitor's release markers, the most recently confirmed first, one page at a time. */
export async function listReleases(
  db: Pick<Executor, 'select'>,
  monitorId: string,
  filter: ReleaseFilter,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ReleaseView>> {
  const rows = await db
    .select({
      id: monitorReleases.id,
      occurredAt: monitorReleases.occurredAt,
      firstSeenAt: monitorReleases.firstSeenAt,
      serverName: monitorReleases.serverName,
      fromVersion: monitorReleases.fromVersion,
      toVersion: monitorReleases.toVersion,
      occurredKey: exactTime(monitorReleases.occurredAt),
    })
    .from(monitorReleases)
    .where(
      and(
        eq(monitorReleases.monitorId, monitorId),
        filter.from ? gte(monitorReleases.occurredAt, filter.from) : undefined,
        filter.to ? lt(monitorReleases.occurredAt, filter.to) : undefined,
        newestFirstAfter(monitorReleases.occurredAt, monitorReleases.id, cursor),
      ),
    )
    .orderBy(desc(monitorReleases.occurredAt), desc(monitorReleases.id))
    .limit(limit + 1);
  return pageOf(
    rows,
    limit,
    ({ occurredKey: _key, ...release }) => release,
    (row) => [row.occurredKey, row.id],
  );
}
