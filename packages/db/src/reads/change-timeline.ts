import { type StoredProtocolChange, storedProtocolChangeSchema } from '@mcpulse/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Executor } from '../database.js';
import { events, monitorReleases } from '../schema/index.js';
import { type DriftView, driftViews } from './drift-history.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';
import type { ReleaseView } from './release-markers.js';

export interface ProtocolChangeView extends Omit<StoredProtocolChange, 'firstSeenAt'> {
  id: string;
  occurredAt: Date;
  firstSeenAt: Date;
}

/** One entry of a monitor's change timeline. */
export type ChangeView =
  | ({ kind: 'schema.drift' } & DriftView)
  | ({ kind: 'protocol.changed' } & ProtocolChangeView)
  | ({ kind: 'release' } & ReleaseView);

interface TimelineRow {
  kind: string;
  id: string;
  occurredKey: string;
  payload: unknown;
}

/** An instant from `exactTime` text; a Date keeps its milliseconds. */
const instant = (exact: string) => new Date(exact);

/**
 * Everything that changed about a monitor's server, newest first, one page at
 * a time: schema drifts (each with its diff), protocol changes and releases,
 * in one order by when each was confirmed.
 */
export async function changeTimeline(
  db: Executor,
  monitorId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ChangeView>> {
  const eventRows = db
    .select({
      kind: sql<string>`${events.type}`.as('kind'),
      id: events.id,
      occurredAt: sql<Date>`${events.occurredAt}`.as('occurred_at'),
      occurredKey: exactTime(events.occurredAt).as('occurred_key'),
      payload: sql<unknown>`${events.payload}`.as('payload'),
    })
    .from(events)
    .where(
      and(
        eq(events.monitorId, monitorId),
        inArray(events.type, ['schema.drift', 'protocol.changed']),
        newestFirstAfter(events.occurredAt, events.id, cursor),
      ),
    );
  const releaseRows = db
    .select({
      kind: sql<string>`'release'`.as('kind'),
      id: monitorReleases.id,
      occurredAt: sql<Date>`${monitorReleases.occurredAt}`.as('occurred_at'),
      occurredKey: exactTime(monitorReleases.occurredAt).as('occurred_key'),
      payload: sql<unknown>`jsonb_build_object(
        'firstSeenAt', ${exactTime(monitorReleases.firstSeenAt)},
        'serverName', ${monitorReleases.serverName},
        'fromVersion', ${monitorReleases.fromVersion},
        'toVersion', ${monitorReleases.toVersion})`.as('payload'),
    })
    .from(monitorReleases)
    .where(
      and(
        eq(monitorReleases.monitorId, monitorId),
        newestFirstAfter(monitorReleases.occurredAt, monitorReleases.id, cursor),
      ),
    );
  const rows: TimelineRow[] = await unionAll(eventRows, releaseRows)
    .orderBy(desc(sql`occurred_at`), desc(sql`id`))
    .limit(limit + 1);
  const page = pageOf(
    rows,
    limit,
    (row) => row,
    (row) => [row.occurredKey, row.id],
  );
  const drifts = await driftViews(
    db,
    monitorId,
    page.items
      .filter((row) => row.kind === 'schema.drift')
      .map((row) => ({ id: row.id, occurredAt: instant(row.occurredKey), payload: row.payload })),
  );
  const driftById = new Map(drifts.map((drift) => [drift.id, drift]));
  return {
    items: page.items.map((row): ChangeView => {
      const occurredAt = instant(row.occurredKey);
      if (row.kind === 'schema.drift') return { kind: 'schema.drift', ...driftById.get(row.id)! };
      if (row.kind === 'protocol.changed') {
        const change = storedProtocolChangeSchema.parse(row.payload);
        return {
          kind: 'protocol.changed',
          id: row.id,
          occurredAt,
          ...change,
          firstSeenAt: new Date(change.firstSeenAt),
        };
      }
      const release = row.payload as Omit<ReleaseView, 'id' | 'occurredAt' | 'firstSeenAt'> & {
        firstSeenAt: string;
      };
      return {
        kind: 'release',
        id: row.id,
        occurredAt,
        ...release,
        firstSeenAt: instant(release.firstSeenAt),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
