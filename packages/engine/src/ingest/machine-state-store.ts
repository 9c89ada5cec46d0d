import {
  emptyTracking,
  type MonitorMachineState,
  type ProtocolIdentity,
  protocolIdentitySchema,
  type RegionState,
  type ValueTracking,
} from '@mcpulse/core';
import { type Executor, incidents, monitorRegionState, monitorState, recordset } from '@mcpulse/db';
import { asc, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';

/** What ingest writes back for one monitor once its results have gone through the state machine. */
export interface MachineStateSave {
  monitorId: string;
  state: MonitorMachineState;
  openIncidentId: string | null;
  /** The earliest and the latest check of the batch for this monitor. */
  firstCheckedAt: Date;
  lastCheckedAt: Date;
}

type RegionRow = typeof monitorRegionState.$inferSelect;

function trackingSchema<T extends z.ZodType>(value: T) {
  return z.object({
    confirmed: value.nullable(),
    candidate: value.nullable(),
    seen: z.number().int().nonnegative(),
    candidateSince: z.string().nullable(),
  });
}

const protocolTracking = trackingSchema(protocolIdentitySchema);
const releaseTracking = trackingSchema(z.string());

/**
 * A stored tracking, or a fresh one: a monitor's state from before the
 * column (null), or one this code cannot read, starts following anew, and its
 * first value is where it starts, not a change.
 */
function trackingOf<T>(stored: unknown, schema: z.ZodType<ValueTracking<T>>): ValueTracking<T> {
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : emptyTracking<T>();
}

function protocolOfState(stored: unknown): ProtocolIdentity | null {
  const parsed = protocolIdentitySchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function regionState(row: RegionRow): RegionState {
  return {
    region: row.region,
    consecutiveFailures: row.consecutiveFailures,
    consecutiveSuccesses: row.consecutiveSuccesses,
    consecutiveSlow: row.consecutiveSlow,
    lastSlot: row.lastSlot?.toISOString() ?? null,
    lastStatus: (row.lastStatus as RegionState['lastStatus']) ?? null,
    lastErrorCode: row.lastErrorCode,
    lastTotalMs: row.lastTotalMs,
    runStartedAt: row.runStartedAt?.toISOString() ?? null,
  };
}

/**
 * Loads the machine state of every monitor in a batch and holds their row locks
 * until the transaction ends, so two ingesters racing on a monitor apply their
 * batches one after the other instead of both from the same starting state.
 * A handful of statements per batch, whatever its size: per-monitor queries
 * were most of ingest's cost. The locks are taken in monitor-id order, so two
 * ingesters with overlapping batches cannot deadlock.
 */
export async function lockMachineStates(
  tx: Executor,
  monitorIds: readonly string[],
  now: Date,
): Promise<Map<string, MonitorMachineState>> {
  const states = new Map<string, MonitorMachineState>();
  if (monitorIds.length === 0) return states;
  await tx.execute(
    sql`insert into monitor_state (monitor_id, since)
        select id::uuid, ${now.toISOString()}::timestamptz
        from jsonb_array_elements_text(${JSON.stringify(monitorIds)}::jsonb) as id
        on conflict do nothing`,
  );
  const rows = await tx
    .select()
    .from(monitorState)
    .where(inArray(monitorState.monitorId, [...monitorIds]))
    .orderBy(asc(monitorState.monitorId))
    .for('update');
  const regionRows = await tx
    .select()
    .from(monitorRegionState)
    .where(inArray(monitorRegionState.monitorId, [...monitorIds]));
  const openIds = rows.flatMap((row) => (row.openIncidentId ? [row.openIncidentId] : []));
  const open = openIds.length ? await tx.select().from(incidents).where(inArray(incidents.id, openIds)) : [];
  const openById = new Map(
    open.filter((incident) => !incident.endedAt).map((incident) => [incident.id, incident]),
  );
  const regionsOf = new Map<string, Record<string, RegionState>>();
  for (const row of regionRows) {
    const regions = regionsOf.get(row.monitorId) ?? {};
    regions[row.region] = regionState(row);
    regionsOf.set(row.monitorId, regions);
  }
  for (const row of rows) {
    const incident = row.openIncidentId ? openById.get(row.openIncidentId) : undefined;
    states.set(row.monitorId, {
      status: row.status,
      since: row.since.toISOString(),
      schemaHash: row.schemaHash,
      candidateSchemaHash: row.candidateSchemaHash,
      candidateSeen: row.candidateSeen,
      protocol: trackingOf(row.protocolTracking, protocolTracking),
      release: trackingOf(row.releaseTracking, releaseTracking),
      schemaProtocol: protocolOfState(row.schemaProtocol),
      openIncident: incident
        ? { id: incident.id, kind: incident.kind, startedAt: incident.startedAt.toISOString() }
        : null,
      regions: regionsOf.get(row.monitorId) ?? {},
    });
  }
  for (const id of monitorIds) {
    if (!states.has(id)) throw new Error(`monitor_state row for ${id} vanished`);
  }
  return states;
}

const STATE_RECORD = [
  ['monitor_id', 'uuid'],
  ['status', 'text'],
  ['since', 'timestamptz'],
  ['schema_hash', 'text'],
  ['candidate_schema_hash', 'text'],
  ['candidate_seen', 'integer'],
  ['protocol_tracking', 'jsonb'],
  ['release_tracking', 'jsonb'],
  ['schema_protocol', 'jsonb'],
  ['open_incident_id', 'uuid'],
  ['first_checked_at', 'timestamptz'],
  ['last_checked_at', 'timestamptz'],
] as const;

const REGION_RECORD = [
  ['monitor_id', 'uuid'],
  ['region', 'text'],
  ['status', 'text'],
  ['consecutive_failures', 'integer'],
  ['consecutive_successes', 'integer'],
  ['consecutive_slow', 'integer'],
  ['last_slot', 'timestamptz'],
  ['last_status', 'text'],
  ['last_error_code', 'text'],
  ['last_total_ms', 'integer'],
  ['run_started_at', 'timestamptz'],
] as const;

/** Writes back every monitor's state and region states of a batch: two statements in all. */
export async function saveMachineStates(
  tx: Executor,
  saves: readonly MachineStateSave[],
  now: Date,
): Promise<void> {
  if (saves.length === 0) return;
  const stamp = now.toISOString();
  await tx.execute(
    sql`update monitor_state as s set
          status = r.status, since = r.since, schema_hash = r.schema_hash,
          candidate_schema_hash = r.candidate_schema_hash, candidate_seen = r.candidate_seen,
          protocol_tracking = r.protocol_tracking, release_tracking = r.release_tracking,
          schema_protocol = r.schema_protocol,
          open_incident_id = r.open_incident_id,
          first_checked_at = least(s.first_checked_at, r.first_checked_at),
          last_checked_at = greatest(s.last_checked_at, r.last_checked_at),
          updated_at = ${stamp}::timestamptz
        from ${recordset(
          saves.map((save) => ({
            monitor_id: save.monitorId,
            status: save.state.status,
            since: save.state.since,
            schema_hash: save.state.schemaHash,
            candidate_schema_hash: save.state.candidateSchemaHash,
            candidate_seen: save.state.candidateSeen,
            protocol_tracking: save.state.protocol,
            release_tracking: save.state.release,
            schema_protocol: save.state.schemaProtocol,
            open_incident_id: save.openIncidentId,
            first_checked_at: save.firstCheckedAt,
            last_checked_at: save.lastCheckedAt,
          })),
          STATE_RECORD,
        )}
        where s.monitor_id = r.monitor_id`,
  );
  const regions = saves.flatMap((save) =>
    Object.values(save.state.regions).map((region) => ({
      monitor_id: save.monitorId,
      region: region.region,
      status: region.lastStatus ?? 'pending',
      consecutive_failures: region.consecutiveFailures,
      consecutive_successes: region.consecutiveSuccesses,
      consecutive_slow: region.consecutiveSlow,
      last_slot: region.lastSlot,
      last_status: region.lastStatus,
      last_error_code: region.lastErrorCode,
      last_total_ms: region.lastTotalMs === null ? null : Math.round(region.lastTotalMs),
      run_started_at: region.runStartedAt,
    })),
  );
  if (regions.length === 0) return;
  const columns = sql.raw(REGION_RECORD.map(([name]) => `"${name}"`).join(', '));
  await tx.execute(
    sql`insert into monitor_region_state (${columns}, updated_at)
        select ${columns}, ${stamp}::timestamptz from ${recordset(regions, REGION_RECORD)}
        on conflict (monitor_id, region) do update set
          status = excluded.status,
          consecutive_failures = excluded.consecutive_failures,
          consecutive_successes = excluded.consecutive_successes,
          consecutive_slow = excluded.consecutive_slow,
          last_slot = excluded.last_slot,
          last_status = excluded.last_status,
          last_error_code = excluded.last_error_code,
          last_total_ms = excluded.last_total_ms,
          run_started_at = excluded.run_started_at,
          updated_at = excluded.updated_at`,
  );
}
