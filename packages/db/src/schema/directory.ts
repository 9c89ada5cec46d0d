import {
  AUDIT_BUCKETS,
  DIRECTORY_AUTH_REQUIREMENTS,
  DIRECTORY_ENTRY_STATUSES,
  DIRECTORY_LIMITS,
  DIRECTORY_REMOTE_TYPES,
  DIRECTORY_SKIP_REASONS,
  type DirectorySkipReason,
} from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { monitors } from './monitors.js';

const bound = (value: number) => sql.raw(String(value));

/** A registry the directory reads (`MCPULSE_REGISTRY_URLS`), and how far its sync got. */
export const directoryRegistries = pgTable('directory_registries', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The registry's base URL, normalized (no trailing slash); the list is `<url>/v0.1/servers`. */
  url: text('url').notNull().unique(),
  /** The newest `updatedAt` of a completed sync: the next one asks for `updated_since` this. */
  updatedSince: timestamp('updated_since', { withTimezone: true }),
  lastSyncStartedAt: timestamp('last_sync_started_at', { withTimezone: true }),
  lastSyncFinishedAt: timestamp('last_sync_finished_at', { withTimezone: true }),
  /** Why the last sync stopped early (bounded); null when it completed. */
  lastSyncError: text('last_sync_error'),
  /** Entries read by the last sync. */
  lastSyncEntries: integer('last_sync_entries'),
  /** Entries the last sync skipped as malformed (counted, never stored). */
  lastSyncSkipped: integer('last_sync_skipped'),
  /**
   * When the last complete listing (no `updated_since`) finished: only a complete listing can
   * tell an entry the registry dropped outright, so one runs at least daily.
   */
  lastFullSyncAt: timestamp('last_full_sync_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A remote as an entry declares it, bounded, with what the sync made of it. */
export interface DirectoryRemote {
  type: (typeof DIRECTORY_REMOTE_TYPES)[number];
  /** The URL (or template) as declared, cut to `DIRECTORY_LIMITS.urlChars`. */
  url: string;
  /**
   * The URL of its endpoint (variables filled with their defaults, normalized); null when it has
   * none (`template`, `invalid_url`).
   */
  resolvedUrl: string | null;
  /** Why this remote is listed and not fetched; null when an endpoint probes it. */
  skipReason: DirectorySkipReason | null;
  /** `value` only for a fixed, non-secret header (public registry data, sent with each check). */
  headers: { name: string; secret: boolean; required: boolean; fixed: boolean; value?: string }[];
  variables: string[];
}

/**
 * A server name in one registry: its latest version only. Removed or deprecated upstream, it
 * stays (with its status) and its endpoints stop being probed when no active entry lists them.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => directoryRegistries.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version').notNull(),
    status: text('status', { enum: DIRECTORY_ENTRY_STATUSES }).notNull(),
    title: text('title'),
    description: text('description'),
    websiteUrl: text('website_url'),
    repositoryUrl: text('repository_url'),
    remotes: jsonb('remotes').$type<DirectoryRemote[]>().notNull().default(sql`'[]'::jsonb`),
    /** The registry's official metadata (`io.modelcontextprotocol.registry/official`), bounded. */
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    upstreamUpdatedAt: timestamp('upstream_updated_at', { withTimezone: true }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('directory_entries_registry_name_unique').on(t.registryId, t.name),
    index('directory_entries_name_idx').on(t.name),
    check(
      'directory_entries_name_bounded',
      sql`char_length(${t.name}) between 1 and ${bound(DIRECTORY_LIMITS.nameChars)}`,
    ),
    check(
      'directory_entries_version_bounded',
      sql`char_length(${t.version}) <= ${bound(DIRECTORY_LIMITS.versionChars)}`,
    ),
    check(
      'directory_entries_description_bounded',
      sql`char_length(${t.description}) <= ${bound(DIRECTORY_LIMITS.descriptionChars)}`,
    ),
  ],
);

/**
 * One probed URL, however many entries list it (deduplicated), watched by one monitor of the
 * directory organisation. `skipReason` set: not probed (its monitor is paused and keeps its history).
 */
export const directoryEndpoints = pgTable(
  'directory_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull().unique(),
    /** The URL's host (lower case, with a non-default port), for per-host politeness and opt-outs. */
    host: text('host').notNull(),
    transport: text('transport', { enum: DIRECTORY_REMOTE_TYPES }).notNull(),
    authRequirement: text('auth_requirement', { enum: DIRECTORY_AUTH_REQUIREMENTS })
      .notNull()
      .default('none'),
    /** Declared headers with fixed, non-secret values, sent with each check (public registry data). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    monitorId: uuid('monitor_id')
      .unique()
      .references(() => monitors.id, { onDelete: 'set null' }),
    skipReason: text('skip_reason', { enum: DIRECTORY_SKIP_REASONS }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('directory_endpoints_host_idx').on(t.host),
    check(
      'directory_endpoints_url_bounded',
      sql`char_length(${t.url}) <= ${bound(DIRECTORY_LIMITS.urlChars)}`,
    ),
  ],
);

/** Which entries list which endpoint. */
export const directoryEntryEndpoints = pgTable(
  'directory_entry_endpoints',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => directoryEndpoints.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.endpointId] }),
    index('directory_entry_endpoints_endpoint_idx').on(t.endpointId),
  ],
);

/**
 * The audit's daily series: per UTC day, how many probed endpoints ended the day in each bucket
 * (and, for failures, with which error code; '' for none).
 */
export const directoryAuditDays = pgTable(
  'directory_audit_days',
  {
    day: date('day').notNull(),
    bucket: text('bucket', { enum: AUDIT_BUCKETS }).notNull(),
    errorCode: text('error_code').notNull().default(''),
    endpoints: integer('endpoints').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.bucket, t.errorCode] })],
);
