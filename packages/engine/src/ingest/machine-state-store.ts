import type { MonitorMachineState, RegionState } from '@mcpulse/core';
import { type Executor, incidents, monitorRegionState, monitorState } from '@mcpulse/db';
import { eq, sql } from 'drizzle-orm';

/**
 * Loads a monitor's machine state and holds its row lock until the transaction
 * ends, so two ingesters racing on the same monitor apply their batches one
 * after the other instead of both from the same starting state.
 */
export async function lockMachineState(
  tx: Executor,
  monitorId: string,
  now: Date,
): Promise<MonitorMachineState> {
  await tx.insert(monitorState).values({ monitorId, since: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId))
    .for('update');
  if (!row) throw new Error(`monitor_state row for ${monitorId} vanished`);
  const regionRows = await tx
    .select()
    .from(monitorRegionState)
    .where(eq(monitorRegionState.monitorId, monitorId));
  let openIncident: MonitorMachineState['openIncident'] = null;
  if (row.openIncidentId) {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, row.openIncidentId));
    if (incident && !incident.endedAt) {
      openIncident = { id: incident.id, kind: incident.kind, startedAt: incident.startedAt.toISOString() };
    }
  }
  const regions: Record<string, RegionState> = {};
  for (const region of regionRows) {
    regions[region.region] = {
      region: region.region,
      consecutiveFailures: region.consecutiveFailures,
      consecutiveSuccesses: region.consecutiveSuccesses,
      consecutiveSlow: region.consecutiveSlow,
      lastSlot: region.lastSlot?.toISOString() ?? null,
      lastStatus: (region.lastStatus as RegionState['lastStatus']) ?? null,
      lastErrorCode: region.lastErrorCode,
      lastTotalMs: region.lastTotalMs,
    };
  }
  return {
    status: row.status,
    since: row.since.toISOString(),
    schemaHash: row.schemaHash,
    candidateSchemaHash: row.candidateSchemaHash,
    candidateSeen: row.candidateSeen,
    openIncident,
    regions,
  };
}

export async function saveMachineState(
  tx: Executor,
  monitorId: string,
  state: MonitorMachineState,
  openIncidentId: string | null,
  lastCheckedAt: Date,
  now: Date,
): Promise<void> {
  await tx
    .update(monitorState)
    .set({
      status: state.status,
      since: new Date(state.since),
      schemaHash: state.schemaHash,
      candidateSchemaHash: state.candidateSchemaHash,
      candidateSeen: state.candidateSeen,
      openIncidentId,
      lastCheckedAt: sql`greatest(${monitorState.lastCheckedAt}, ${lastCheckedAt.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(eq(monitorState.monitorId, monitorId));
  const regions = Object.values(state.regions);
  if (regions.length === 0) return;
  await tx
    .insert(monitorRegionState)
    .values(
      regions.map((region) => ({
        monitorId,
        region: region.region,
        status: region.lastStatus ?? ('pending' as const),
        consecutiveFailures: region.consecutiveFailures,
        consecutiveSuccesses: region.consecutiveSuccesses,
        consecutiveSlow: region.consecutiveSlow,
        lastSlot: region.lastSlot ? new Date(region.lastSlot) : null,
        lastStatus: region.lastStatus,
        lastErrorCode: region.lastErrorCode,
        lastTotalMs: region.lastTotalMs === null ? null : Math.round(region.lastTotalMs),
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [monitorRegionState.monitorId, monitorRegionState.region],
      set: {
        status: sql`excluded.status`,
        consecutiveFailures: sql`excluded.consecutive_failures`,
        consecutiveSuccesses: sql`excluded.consecutive_successes`,
        consecutiveSlow: sql`excluded.consecutive_slow`,
        lastSlot: sql`excluded.last_slot`,
        lastStatus: sql`excluded.last_status`,
        lastErrorCode: sql`excluded.last_error_code`,
        lastTotalMs: sql`excluded.last_total_ms`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}
