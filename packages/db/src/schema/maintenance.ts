import { MAINTENANCE_LIMITS } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';
import { monitors } from './monitors.js';

const bound = (value: number) => sql.raw(String(value));

/**
 * A maintenance window as its owner wrote it (docs/maintenance.md): for one
 * monitor, or for the whole organisation when `monitorId` is null.
 * Cancelling keeps the row, so the occurrences already past still count.
 */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id').references(() => monitors.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Wall-clock `YYYY-MM-DDTHH:mm` of the first occurrence in `timeZone`. */
    localStart: text('local_start').notNull(),
    timeZone: text('time_zone').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** An RFC 5545 RRULE value; null for a one-off window. */
    rrule: text('rrule'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Occurrences exist up to here; the leader moves it forward. */
    expandedUntil: timestamp('expanded_until', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('maintenance_windows_org_idx').on(t.organizationId),
    check(
      'maintenance_windows_bounded',
      sql`char_length(${t.title}) <= ${bound(MAINTENANCE_LIMITS.titleChars)} and char_length(${t.timeZone}) <= ${bound(MAINTENANCE_LIMITS.timeZoneChars)} and char_length(${t.rrule}) <= ${bound(MAINTENANCE_LIMITS.rruleChars)}`,
    ),
  ],
);

/**
 * Each concrete occurrence of a window, in real time. Uptime, ingest and the
 * started/ended webhooks read these, never the rule.
 */
export const maintenanceOccurrences = pgTable(
  'maintenance_occurrences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    windowId: uuid('window_id')
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id').references(() => monitors.id, { onDelete: 'cascade' }),
    /** When the rule placed it: with the window, what makes an occurrence one. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** Moved earlier when the owner ends it early. */
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    startedNotifiedAt: timestamp('started_notified_at', { withTimezone: true }),
    endedNotifiedAt: timestamp('ended_notified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('maintenance_occurrences_window_unique').on(t.windowId, t.scheduledAt),
    index('maintenance_occurrences_org_idx').on(t.organizationId, t.startsAt),
    check('maintenance_occurrences_ordered', sql`${t.endsAt} >= ${t.startsAt}`),
  ],
);
