import type { OAuthClientSummary, OAuthConnectionSummary, ToolCanary } from '@mcpulse/core';
import { CANARY_LIMITS, MONITOR_DEFAULTS, MONITOR_LIMITS, MONITOR_TRANSPORTS } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';

/** A bound as SQL text: a check constraint is DDL, where a parameter cannot stand. */
const bound = (value: number) => sql.raw(String(value));

export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    transport: text('transport', { enum: MONITOR_TRANSPORTS }).notNull().default(MONITOR_DEFAULTS.transport),
    regions: text('regions').array().notNull(),
    intervalSeconds: integer('interval_seconds').notNull().default(MONITOR_DEFAULTS.intervalSeconds),
    timeoutMs: integer('timeout_ms').notNull().default(MONITOR_DEFAULTS.timeoutMs),
    degradedThresholdMs: integer('degraded_threshold_ms')
      .notNull()
      .default(MONITOR_DEFAULTS.degradedThresholdMs),
    /** Consecutive results needed to confirm a state change (N in the state machine). */
    confirmations: integer('confirmations').notNull().default(MONITOR_DEFAULTS.confirmations),
    /** Regions that must agree; null means half of the monitor's regions, at least one. */
    regionQuorum: integer('region_quorum'),
    paused: boolean('paused').notNull().default(false),
    isPublic: boolean('is_public').notNull().default(MONITOR_DEFAULTS.isPublic),
    /** Whether anyone may fetch the monitor's badges (docs/badges.md); apart from `isPublic`, since badges show more. */
    badgesPublic: boolean('badges_public').notNull().default(false),
    /** AES-256-GCM sealed JSON of the request headers; only their names are stored in clear. */
    headersSealed: text('headers_sealed'),
    headerNames: text('header_names').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The tool-call canary (docs/probe.md): one value, read and written whole,
     * in the shape of core's ToolCanary; null for a monitor that calls no tool.
     */
    canary: jsonb('canary').$type<ToolCanary>(),
    /** AES-256-GCM sealed JSON of the monitor's OAuth client credentials (secret or private key included). */
    oauthSealed: text('oauth_sealed'),
    /** The client id, method and scope of those credentials, in clear for the API's masked answer. */
    oauthClient: jsonb('oauth_client').$type<OAuthClientSummary>(),
    /**
     * AES-256-GCM sealed JSON of the monitor's OAuth connection ("Connect with OAuth"): the
     * refresh token of a person's sign-in and the client it was issued to.
     */
    oauthConnectionSealed: text('oauth_connection_sealed'),
    /** The connection's issuer, client id, scope, generation and when it was made, in clear. */
    oauthConnection: jsonb('oauth_connection').$type<OAuthConnectionSummary>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitors_org_idx').on(t.organizationId),
    check(
      'monitors_interval_range',
      sql`${t.intervalSeconds} between ${bound(MONITOR_LIMITS.intervalSeconds.min)} and ${bound(MONITOR_LIMITS.intervalSeconds.max)}`,
    ),
    check(
      'monitors_timeout_range',
      sql`${t.timeoutMs} between ${bound(MONITOR_LIMITS.timeoutMs.min)} and ${bound(MONITOR_LIMITS.timeoutMs.max)}`,
    ),
    check('monitors_regions_nonempty', sql`cardinality(${t.regions}) > 0`),
    check(
      'monitors_canary_shape',
      sql`${t.canary} is null or (jsonb_typeof(${t.canary}) = 'object' and jsonb_typeof(${t.canary}->'tool') = 'string' and char_length(${t.canary}->>'tool') between 1 and ${bound(CANARY_LIMITS.toolNameChars)} and jsonb_typeof(${t.canary}->'arguments') = 'object')`,
    ),
    check('monitors_one_oauth', sql`${t.oauthSealed} is null or ${t.oauthConnectionSealed} is null`),
    check(
      'monitors_canary_timeout_range',
      sql`coalesce((${t.canary}->>'timeoutMs')::integer, ${bound(CANARY_LIMITS.timeoutMs.min)}) between ${bound(CANARY_LIMITS.timeoutMs.min)} and ${bound(CANARY_LIMITS.timeoutMs.max)}`,
    ),
  ],
);

/** Pause history, so that uptime windows can leave paused time out. */
export const monitorPauses = pgTable(
  'monitor_pauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('monitor_pauses_monitor_idx').on(t.monitorId, t.startedAt)],
);
