import {
  DIRECTORY_AUTH_REQUIREMENTS,
  DIRECTORY_SKIP_REASONS,
  MONITOR_DISPLAY_STATUSES,
  PROBE_TRANSPORTS,
  PROTOCOL_ERAS,
} from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { directoryEndpoints } from './directory.js';

/** A registry entry that lists an endpoint, as the public list shows it (bounded by the sync's limits). */
export interface DirectorySummaryServer {
  name: string;
  title: string | null;
}

/**
 * One row per listed directory endpoint with the figures the public list shows, refreshed by the
 * leader (`refreshDirectorySummaries`): the list of 10,000 endpoints reads this one table instead of
 * computing uptime, latency and tools per request. Retired and opted-out endpoints have no row.
 */
export const directorySummaries = pgTable(
  'directory_summaries',
  {
    endpointId: uuid('endpoint_id')
      .primaryKey()
      .references(() => directoryEndpoints.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    host: text('host').notNull(),
    /** The entries that list the endpoint, active first then by name (at most a few). */
    servers: jsonb('servers').$type<DirectorySummaryServer[]>().notNull().default(sql`'[]'::jsonb`),
    /** The first of `servers`: what the list sorts by name on. */
    name: text('name').notNull(),
    /** Lower-case URL, server names and titles: what search matches. */
    search: text('search').notNull(),
    state: text('state', { enum: MONITOR_DISPLAY_STATUSES }).notNull(),
    stateSince: timestamp('state_since', { withTimezone: true }),
    /** Why the endpoint is not probed (its monitor is paused); null when it is. */
    skipReason: text('skip_reason', { enum: DIRECTORY_SKIP_REASONS }),
    /** The error code of the latest check in any region; null when it succeeded or none ran. */
    errorCode: text('error_code'),
    /** Uptime over the last 30 days by docs/uptime.md's one definition; null: no monitored time. */
    uptime30d: doublePrecision('uptime_30d'),
    /** p95 latency over the last 24 hours, from hour rollups. */
    p95Ms: integer('p95_ms'),
    era: text('era', { enum: PROTOCOL_ERAS }),
    protocolVersion: text('protocol_version'),
    /** The transport the server answered on when known, else the one the registry declared. */
    transport: text('transport', { enum: PROBE_TRANSPORTS }).notNull(),
    authRequirement: text('auth_requirement', { enum: DIRECTORY_AUTH_REQUIREMENTS }).notNull(),
    toolCount: integer('tool_count'),
    lastSchemaChangeAt: timestamp('last_schema_change_at', { withTimezone: true }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('directory_summaries_name_idx').on(t.name, t.endpointId),
    index('directory_summaries_state_idx').on(t.state),
  ],
);
