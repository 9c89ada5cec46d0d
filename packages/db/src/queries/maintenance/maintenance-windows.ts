import { type MaintenanceSchedule, maintenanceOccurrences } from '@mcpulse/core';
import { MAINTENANCE_LIMITS } from '@mcpulse/core/domain';
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../database.js';
import { maintenanceWindows, maintenanceOccurrences as occurrencesTable } from '../../schema/maintenance.js';
import { events } from '../../schema/state.js';

export interface NewMaintenanceWindow extends MaintenanceSchedule {
  organizationId: string;
  monitorId: string | null;
  title: string;
}

export interface MaintenanceOccurrenceView {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

export interface MaintenanceWindowView {
  id: string;
  monitorId: string | null;
  title: string;
  localStart: string;
  timeZone: string;
  durationMs: number;
  rrule: string | null;
  createdAt: Date;
  cancelledAt: Date | null;
  /** The occurrence going on now and the next ones, at most five. */
  occurrences: MaintenanceOccurrenceView[];
}

type WindowRow = typeof maintenanceWindows.$inferSelect;

/**
 * Stores the occurrences of [from, until) that are not stored yet. Nothing
 * before `notBefore` is stored: a window never excuses time already past.
 */
async function storeOccurrences(tx: Executor, window: WindowRow, from: Date, until: Date, notBefore: Date) {
  const items = maintenanceOccurrences(window, from, until).filter(
    (item) => item.endsAt.getTime() > notBefore.getTime(),
  );
  if (items.length > 0) {
    await tx
      .insert(occurrencesTable)
      .values(
        items.map((item) => ({
          windowId: window.id,
          organizationId: window.organizationId,
          monitorId: window.monitorId,
          scheduledAt: item.startsAt,
          startsAt: new Date(Math.max(item.startsAt.getTime(), notBefore.getTime())),
          endsAt: item.endsAt,
        })),
      )
      .onConflictDoNothing();
  }
  await tx
    .update(maintenanceWindows)
    .set({ expandedUntil: until })
    .where(eq(maintenanceWindows.id, window.id));
}

export async function insertMaintenanceWindow(
  db: Executor,
  window: NewMaintenanceWindow,
  now: Date,
): Promise<string> {
  const until = new Date(now.getTime() + MAINTENANCE_LIMITS.horizonMs);
  const [row] = await db
    .insert(maintenanceWindows)
    .values({ ...window, createdAt: now, expandedUntil: now })
    .returning();
  if (!row) throw new Error('maintenance window insert returned no row');
  await storeOccurrences(db, row, now, until, now);
  return row.id;
}

/** The leader keeps every live recurring window expanded a horizon ahead of now. */
export async function expandMaintenanceWindows(db: Executor, now: Date): Promise<number> {
  const until = new Date(now.getTime() + MAINTENANCE_LIMITS.horizonMs);
  const due = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        isNull(maintenanceWindows.cancelledAt),
        sql`${maintenanceWindows.rrule} is not null`,
        lte(maintenanceWindows.expandedUntil, new Date(until.getTime() - 86_400_000)),
      ),
    )
    .limit(1_000);
  for (const window of due) await storeOccurrences(db, window, window.expandedUntil, until, now);
  return due.length;
}

export async function listMaintenanceWindows(
  db: Executor,
  organizationId: string,
  monitorId: string | null,
  now: Date,
): Promise<MaintenanceWindowView[]> {
  const scope = monitorId
    ? sql`(${maintenanceWindows.monitorId} = ${monitorId} or ${maintenanceWindows.monitorId} is null)`
    : sql`true`;
  const windows = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.organizationId, organizationId),
        isNull(maintenanceWindows.cancelledAt),
        scope,
      ),
    )
    .orderBy(asc(maintenanceWindows.createdAt))
    .limit(500);
  if (windows.length === 0) return [];
  const upcoming = await queryRows<{ window_id: string; id: string; starts_at: string; ends_at: string }>(
    db,
    sql`select o.window_id, o.id, o.starts_at, o.ends_at
        from unnest(${sql.param(windows.map((window) => window.id))}::uuid[]) as w(id)
        cross join lateral (
          select * from maintenance_occurrences o
          where o.window_id = w.id and o.ends_at > ${now.toISOString()}::timestamptz
          order by o.starts_at limit 5
        ) o`,
  );
  return windows.map((window) => ({
    id: window.id,
    monitorId: window.monitorId,
    title: window.title,
    localStart: window.localStart,
    timeZone: window.timeZone,
    durationMs: window.durationMs,
    rrule: window.rrule,
    createdAt: window.createdAt,
    cancelledAt: window.cancelledAt,
    occurrences: upcoming
      .filter((row) => row.window_id === window.id)
      .map((row) => ({ id: row.id, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) })),
  }));
}

/**
 * Ends the occurrence going on now, or with `cancel` the whole window: its
 * future occurrences go, the past ones stay (they still explain their time).
 * Returns false when the window is not the organisation's.
 */
export async function endMaintenanceWindow(
  db: Executor,
  organizationId: string,
  windowId: string,
  now: Date,
  cancel: boolean,
): Promise<boolean> {
  const [window] = await db
    .select({ id: maintenanceWindows.id, rrule: maintenanceWindows.rrule })
    .from(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, windowId), eq(maintenanceWindows.organizationId, organizationId)));
  if (!window) return false;
  await db
    .update(occurrencesTable)
    .set({ endsAt: now })
    .where(
      and(
        eq(occurrencesTable.windowId, windowId),
        lte(occurrencesTable.startsAt, now),
        gt(occurrencesTable.endsAt, now),
      ),
    );
  if (cancel || window.rrule === null) {
    await db
      .delete(occurrencesTable)
      .where(and(eq(occurrencesTable.windowId, windowId), gt(occurrencesTable.startsAt, now)));
    await db.update(maintenanceWindows).set({ cancelledAt: now }).where(eq(maintenanceWindows.id, windowId));
  }
  return true;
}

/** Whether `at` falls inside an occurrence covering the monitor (its own or its organisation's). */
export async function inMaintenance(
  db: Executor,
  monitor: { id: string; organizationId: string },
  at: Date,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from maintenance_occurrences o
        where o.organization_id = ${monitor.organizationId}
          and (o.monitor_id is null or o.monitor_id = ${monitor.id})
          and o.starts_at <= ${at.toISOString()}::timestamptz and o.ends_at > ${at.toISOString()}::timestamptz
        limit 1`,
  );
  return rows.length > 0;
}

export interface MaintenanceNotice {
  id: string;
  organizationId: string;
  monitorId: string | null;
  type: 'maintenance.started' | 'maintenance.ended';
  occurredAt: Date;
}

interface DueRow {
  id: string;
  window_id: string;
  organization_id: string;
  monitor_id: string | null;
  starts_at: string;
  ends_at: string;
  title: string;
  time_zone: string;
  monitor_name: string | null;
  monitor_url: string | null;
  started: boolean;
}

/** Further back than this, a missed notice is stale news: marked, never sent. */
const NOTICE_FRESH_MS = 3_600_000;

/**
 * Stores a `maintenance.started` event for each occurrence that has begun and
 * a `maintenance.ended` one for each that has ended, once each (the dedupe
 * key and the notified marks), and answers the events to fan out. An
 * occurrence already over when first seen gets both, started first.
 */
export async function storeMaintenanceNotices(db: Executor, now: Date): Promise<MaintenanceNotice[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = await queryRows<DueRow>(
    db,
    sql`select o.id, o.window_id, o.organization_id, o.monitor_id, o.starts_at, o.ends_at, w.title, w.time_zone,
               m.name as monitor_name, m.url as monitor_url, o.started_notified_at is null as started
        from maintenance_occurrences o
        join maintenance_windows w on w.id = o.window_id
        left join monitors m on m.id = o.monitor_id
        where (o.started_notified_at is null and o.starts_at <= ${at})
           or (o.ended_notified_at is null and o.ends_at <= ${at})
        order by o.starts_at
        limit 1000`,
  );
  const notices: MaintenanceNotice[] = [];
  for (const row of due) {
    const startsAt = new Date(row.starts_at);
    const endsAt = new Date(row.ends_at);
    const types: Array<['maintenance.started' | 'maintenance.ended', Date]> = [];
    if (row.started) types.push(['maintenance.started', startsAt]);
    if (endsAt.getTime() <= now.getTime()) types.push(['maintenance.ended', endsAt]);
    for (const [type, occurredAt] of types) {
      if (now.getTime() - occurredAt.getTime() > NOTICE_FRESH_MS) continue;
      const [event] = await db
        .insert(events)
        .values({
          organizationId: row.organization_id,
          monitorId: row.monitor_id,
          type,
          occurredAt,
          dedupeKey: `maintenance:${row.id}:${type}`,
          payload: {
            monitor: row.monitor_id
              ? { id: row.monitor_id, name: row.monitor_name, url: row.monitor_url }
              : null,
            maintenance: {
              windowId: row.window_id,
              occurrenceId: row.id,
              title: row.title,
              startsAt: startsAt.toISOString(),
              endsAt: endsAt.toISOString(),
              timeZone: row.time_zone,
            },
          },
        })
        .onConflictDoNothing({ target: events.dedupeKey })
        .returning({ id: events.id });
      if (event) {
        notices.push({
          id: event.id,
          organizationId: row.organization_id,
          monitorId: row.monitor_id,
          type,
          occurredAt,
        });
      }
    }
    await db
      .update(occurrencesTable)
      .set({
        startedNotifiedAt: sql`coalesce(${occurrencesTable.startedNotifiedAt}, ${at})`,
        ...(endsAt.getTime() <= now.getTime() ? { endedNotifiedAt: now } : {}),
      })
      .where(eq(occurrencesTable.id, row.id));
  }
  return notices;
}
