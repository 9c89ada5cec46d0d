import { NotFound } from '@mcpulse/core';
import { inTransaction, type MonitorView, openPause, ownedMonitor, updateOwnedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps } from './monitor-deps.js';
import { endIncidentAtPause } from './pause-incidents.js';

/**
 * Stops scheduling and opens a pause window, so that uptime leaves paused time
 * out, and ends an open incident: incidents count watched time only.
 * Pausing a paused monitor changes nothing and tells nobody.
 */
export async function pauseMonitor(
  deps: Pick<MonitorDeps, 'db' | 'onMonitorChanged'>,
  principal: Principal,
  monitorId: string,
  now: Date,
): Promise<MonitorView> {
  const { organizationId } = principal;
  let changed = false;
  const monitor = await inTransaction(deps.db, async (tx) => {
    const current = await ownedMonitor(tx, organizationId, monitorId, { forUpdate: true });
    if (!current) throw new NotFound('monitor');
    if (!current.paused) {
      await updateOwnedMonitor(tx, organizationId, monitorId, { paused: true, updatedAt: now });
      await openPause(tx, monitorId, now);
      await endIncidentAtPause(tx, monitorId, now);
      changed = true;
    }
    return getMonitor(tx, principal, monitorId);
  });
  if (changed) deps.onMonitorChanged?.(monitorId);
  return monitor;
}
