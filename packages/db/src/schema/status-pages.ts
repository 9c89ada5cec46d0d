import { INCIDENT_UPDATE_STATUSES, STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';
import { monitors } from './monitors.js';
import { incidents } from './state.js';

const bound = (value: number) => sql.raw(String(value));

/**
 * A public status page of an organisation (docs/status-pages.md): served at `/status/<slug>`
 * and, once its domain is on MCPULSE_ALLOWED_HOSTS and verified, at the root of `customDomain`.
 */
export const statusPages = pgTable(
  'status_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** An https URL of an image, shown as the page's logo; null for none. */
    logoUrl: text('logo_url'),
    /** A host name, lower-case, without a port; null for none. */
    customDomain: text('custom_domain'),
    /**
     * When the organisation last proved it controls `customDomain`'s DNS (a TXT record of a token
     * bound to the page and the domain); null while unproved. The domain is served only when set;
     * changing the domain clears it.
     */
    customDomainVerifiedAt: timestamp('custom_domain_verified_at', { withTimezone: true }),
    /** Which of STATUS_PAGE_FIGURES the page shows beside each monitor's current state. */
    figures: text('figures').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('status_pages_slug_unique').on(t.slug),
    uniqueIndex('status_pages_domain_unique').on(t.customDomain),
    index('status_pages_org_idx').on(t.organizationId),
    check(
      'status_pages_bounded',
      sql`char_length(${t.slug}) <= ${bound(STATUS_PAGE_LIMITS.slugChars)} and char_length(${t.title}) <= ${bound(STATUS_PAGE_LIMITS.titleChars)} and char_length(${t.description}) <= ${bound(STATUS_PAGE_LIMITS.descriptionChars)} and char_length(${t.logoUrl}) <= ${bound(STATUS_PAGE_LIMITS.logoUrlChars)} and char_length(${t.customDomain}) <= ${bound(STATUS_PAGE_LIMITS.customDomainChars)}`,
    ),
  ],
);

/** A named group of monitors on a page, shown in `position` order. */
export const statusPageGroups = pgTable(
  'status_page_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => statusPages.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    index('status_page_groups_page_idx').on(t.pageId, t.position),
    check(
      'status_page_groups_bounded',
      sql`char_length(${t.name}) <= ${bound(STATUS_PAGE_LIMITS.groupNameChars)}`,
    ),
  ],
);

/** A monitor shown on a page, in one of its groups, under the name the page gives it. */
export const statusPageMonitors = pgTable(
  'status_page_monitors',
  {
    pageId: uuid('page_id')
      .notNull()
      .references(() => statusPages.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => statusPageGroups.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    /** The name the page shows; null shows the monitor's own name. */
    displayName: text('display_name'),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.pageId, t.monitorId] }),
    // Which pages show a monitor: subscribers' fan-out and cache refreshes go this way.
    index('status_page_monitors_monitor_idx').on(t.monitorId),
    check(
      'status_page_monitors_bounded',
      sql`char_length(${t.displayName}) <= ${bound(STATUS_PAGE_LIMITS.displayNameChars)}`,
    ),
  ],
);

/** What an owner posted about an incident: shown on every page that shows its monitor, and in their feeds. */
export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INCIDENT_UPDATE_STATUSES }).notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incident_updates_incident_idx').on(t.incidentId, t.createdAt),
    index('incident_updates_org_idx').on(t.organizationId, t.createdAt),
    check(
      'incident_updates_bounded',
      sql`char_length(${t.message}) <= ${bound(STATUS_PAGE_LIMITS.updateMessageChars)}`,
    ),
  ],
);
