import type { ProbeAuthReport } from '@mcpulse/core';
import { RESULT_STATUSES, type SnapshotOmission } from '@mcpulse/core/domain';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { monitors } from './monitors.js';

/**
 * One probe result per monitor, region and scheduled slot. The table is
 * partitioned by day on `slot` (see the migration), which is why the primary
 * key includes it and why ingest can be idempotent with ON CONFLICT DO NOTHING.
 * A slot that was not probed (`skipped`) is a row too, with its reason in
 * `error_message` and no error code, so its owner sees why it has no check.
 */
export const probeResults = pgTable(
  'probe_results',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: RESULT_STATUSES }).notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorPhase: text('error_phase'),
    httpStatus: integer('http_status'),
    rpcCode: integer('rpc_code'),
    httpAlive: boolean('http_alive').notNull(),
    transport: text('transport'),
    era: text('era'),
    protocolVersion: text('protocol_version'),
    serverInfo: jsonb('server_info'),
    capabilities: jsonb('capabilities'),
    toolCount: integer('tool_count'),
    schemaHash: text('schema_hash'),
    dnsMs: real('dns_ms'),
    connectMs: real('connect_ms'),
    tlsMs: real('tls_ms'),
    negotiationMs: real('negotiation_ms'),
    handshakeMs: real('handshake_ms'),
    toolsListMs: real('tools_list_ms'),
    /** The remainder that makes the phases add up to the total; null in rows stored before it was measured. */
    otherMs: real('other_ms'),
    totalMs: real('total_ms').notNull(),
    /** The result's OAuth block (docs/probe.md, "Authorization"); null when none, and in rows stored before 0010. */
    auth: jsonb('auth').$type<ProbeAuthReport>(),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.region, t.slot] }),
    index('probe_results_monitor_slot_idx').on(t.monitorId, t.slot),
  ],
);

/**
 * The tool schemas a monitor has served, one row per monitor and schema hash,
 * deleted with the monitor. A snapshot over the size cap, or past the
 * monitor's daily budget (SNAPSHOT_LIMITS), keeps its hash and size but not
 * its tools: `tools` is null and `omitted` says why. Unreferenced rows go
 * with storage upkeep.
 */
export const schemaSnapshots = pgTable(
  'monitor_schema_snapshots',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    tools: jsonb('tools'),
    toolCount: integer('tool_count').notNull(),
    /** Bytes of the tools' JSON in UTF-8, kept or not. */
    sizeBytes: integer('size_bytes').notNull(),
    omitted: text('omitted').$type<SnapshotOmission>(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.hash] })],
);

/**
 * Snapshots as the previous release wrote them: shared by hash, owned by no
 * monitor. Nothing here writes or reads them any more (migration 0007 copied
 * them to their monitors); storage upkeep deletes those no monitor refers to.
 */
export const legacySchemaSnapshots = pgTable('schema_snapshots', {
  hash: text('hash').primaryKey(),
  tools: jsonb('tools').notNull(),
  toolCount: integer('tool_count').notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ROLLUP_GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type RollupGranularity = (typeof ROLLUP_GRANULARITIES)[number];

/**
 * Per monitor, region and time bucket: counts and a sparse latency histogram
 * (bucket index → count) that merges across buckets by addition, so long
 * windows never touch raw results. Partitioned by granularity (see the
 * migration), so each level has statistics of its own for the planner.
 */
export const rollups = pgTable(
  'rollups',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    granularity: text('granularity', { enum: ROLLUP_GRANULARITIES }).notNull(),
    bucketStart: timestamp('bucket_start', { withTimezone: true }).notNull(),
    checks: integer('checks').notNull(),
    up: integer('up').notNull(),
    degraded: integer('degraded').notNull(),
    down: integer('down').notNull(),
    latencySumMs: real('latency_sum_ms').notNull(),
    latencyHistogram: jsonb('latency_histogram').$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.granularity, t.region, t.bucketStart] })],
);
