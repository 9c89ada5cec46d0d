import type { ProtocolIdentity, ValueTracking } from '@mcpulse/core';
import { EVENT_TYPES, INCIDENT_KINDS, MONITOR_STATUSES, STORABLE_LIMITS } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { organizations } from './accounts.js';
import { monitors } from './monitors.js';

export const monitorState = pgTable('monitor_state', {
  monitorId: uuid('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  status: text('status', { enum: MONITOR_STATUSES }).notNull().default('pending'),
  since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  /** The first check ever stored: monitored time, and so uptime, starts here (docs/uptime.md). */
  firstCheckedAt: timestamp('first_checked_at', { withTimezone: true }),
  /** The confirmed tool schema; a different hash must be seen twice before it replaces this. */
  schemaHash: text('schema_hash'),
  candidateSchemaHash: text('candidate_schema_hash'),
  candidateSeen: integer('candidate_seen').notNull().default(0),
  /** The confirmed protocol and its candidate, as the state machine follows it; null: nothing seen yet. */
  protocolTracking: jsonb('protocol_tracking').$type<ValueTracking<ProtocolIdentity>>(),
  /** The confirmed release (`serverInfo.version`) and its candidate; null: nothing seen yet. */
  releaseTracking: jsonb('release_tracking').$type<ValueTracking<string>>(),
  /** The confirmed protocol when the confirmed schema hash was last seen (drifts across a protocol change). */
  schemaProtocol: jsonb('schema_protocol').$type<ProtocolIdentity>(),
  openIncidentId: uuid('open_incident_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const monitorRegionState = pgTable(
  'monitor_region_state',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    status: text('status', { enum: MONITOR_STATUSES }).notNull().default('pending'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    consecutiveSuccesses: integer('consecutive_successes').notNull().default(0),
    consecutiveSlow: integer('consecutive_slow').notNull().default(0),
    lastSlot: timestamp('last_slot', { withTimezone: true }),
    lastStatus: text('last_status'),
    lastErrorCode: text('last_error_code'),
    lastTotalMs: integer('last_total_ms'),
    /** When the region's current run of one kind of result began; incidents start and end there. */
    runStartedAt: timestamp('run_started_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region] })],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INCIDENT_KINDS }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    regions: text('regions').array().notNull(),
    /** Opened inside a maintenance window of the monitor: no webhook was sent for it. */
    maintenance: boolean('maintenance').notNull().default(false),
  },
  (t) => [index('incidents_monitor_idx').on(t.monitorId, t.startedAt)],
);

/**
 * Every confirmed transition and drift, once: `dedupeKey` makes a retried or
 * racing ingest insert the same event at most one time.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id').references(() => monitors.id, { onDelete: 'cascade' }),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    incidentId: uuid('incident_id'),
    payload: jsonb('payload').notNull(),
    /** A state change inside a maintenance window: kept in the history, never delivered. */
    maintenance: boolean('maintenance').notNull().default(false),
  },
  (t) => [
    uniqueIndex('events_dedupe_unique').on(t.dedupeKey),
    index('events_monitor_idx').on(t.monitorId, t.occurredAt),
    // The webhook sender re-checks the last hour of events for a fan-out that never ran.
    index('events_occurred_idx').on(t.occurredAt),
  ],
);

/** The storable boundary's cap on any string of `serverInfo`, as SQL. */
const serverChars = sql.raw(String(STORABLE_LIMITS.serverFieldChars));

/**
 * Release markers: each confirmed change of the version a monitor's server
 * announces (`serverInfo.version`), once (`dedupeKey`). The versions and the
 * name are the server's, bounded as the storable boundary bounds them.
 */
export const monitorReleases = pgTable(
  'monitor_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    /** The slot of the result that confirmed it. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The slot of the first result that showed it: where the release is drawn. */
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    serverName: text('server_name'),
    fromVersion: text('from_version').notNull(),
    toVersion: text('to_version').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
  },
  (t) => [
    uniqueIndex('monitor_releases_dedupe_unique').on(t.dedupeKey),
    index('monitor_releases_monitor_idx').on(t.monitorId, t.occurredAt),
    check(
      'monitor_releases_bounded',
      sql`char_length(${t.fromVersion}) <= ${serverChars} and char_length(${t.toVersion}) <= ${serverChars} and char_length(${t.serverName}) <= ${serverChars}`,
    ),
  ],
);
