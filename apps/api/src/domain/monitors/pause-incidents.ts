import { closeOpenIncident, type Executor, lockMonitorState, openIncidentLikeLast } from '@mcpulse/db';

/**
 * An incident measures time the monitor was watched and failing, so a pause
 * ends it. Locks the monitor's state row, as ingest does, after the monitor
 * row the caller holds: the order ingest's own locks follow.
 */
export async function endIncidentAtPause(tx: Executor, monitorId: string, now: Date): Promise<void> {
  const state = await lockMonitorState(tx, monitorId);
  if (!state?.openIncidentId) return;
  await closeOpenIncident(tx, monitorId, state.openIncidentId, now);
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
  const state = await lockMonitorState(tx, monitorId);
  if (!state || state.openIncidentId || (state.status !== 'down' && state.status !== 'degraded')) return;
  await openIncidentLikeLast(tx, { organizationId, monitorId, kind: state.status, now });
}
