import { type Executor, incidents, monitorState } from '@mcpulse/db';
import { and, desc, eq, isNull } from 'drizzle-orm';

/**
 * An incident measures time the monitor was watched and failing, so a pause
 * ends it. Locks the monitor's state row, as ingest does, after the monitor
 * row the caller holds: the order ingest's own locks follow.
 */
export async function endIncidentAtPause(tx: Executor, monitorId: string, now: Date): Promise<void> {
  const [state] = await tx
    .select({ openIncidentId: monitorState.openIncidentId })
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId))
    .for('update');
  if (!state?.openIncidentId) return;
  await tx
    .update(incidents)
    .set({ endedAt: now })
    .where(and(eq(incidents.id, state.openIncidentId), isNull(incidents.endedAt)));
  await tx
    .update(monitorState)
    .set({ openIncidentId: null, updatedAt: now })
    .where(eq(monitorState.monitorId, monitorId));
}

/**
 * A monitor resumed in a failing state picks its incident up again, as a new
 * incident from the resume, like the one its pause ended (kind, error,
 * regions). The state machine carries on from there: the next confirmed
 * recovery closes it and sends `monitor.up`.
 */
export async function reopenIncidentAtResume(
  tx: Executor,
  organizationId: string,
  monitorId: string,
  now: Date,
): Promise<void> {
  const [state] = await tx
    .select({ status: monitorState.status, openIncidentId: monitorState.openIncidentId })
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId))
    .for('update');
  if (!state || state.openIncidentId || (state.status !== 'down' && state.status !== 'degraded')) return;
  const [previous] = await tx
    .select({
      errorCode: incidents.errorCode,
      errorMessage: incidents.errorMessage,
      regions: incidents.regions,
    })
    .from(incidents)
    .where(eq(incidents.monitorId, monitorId))
    .orderBy(desc(incidents.startedAt))
    .limit(1);
  const [opened] = await tx
    .insert(incidents)
    .values({
      organizationId,
      monitorId,
      kind: state.status,
      startedAt: now,
      errorCode: previous?.errorCode ?? null,
      errorMessage: previous?.errorMessage ?? null,
      regions: previous?.regions ?? [],
    })
    .returning({ id: incidents.id });
  await tx
    .update(monitorState)
    .set({ openIncidentId: opened!.id, updatedAt: now })
    .where(eq(monitorState.monitorId, monitorId));
}
