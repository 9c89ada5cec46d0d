import { NotFound } from '@mcpulse/core';
import { monitorPauses, monitors } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps } from './monitor-deps.js';
import type { MonitorView } from './monitor-view.js';
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
  let changed = false;
  const monitor = await deps.db.transaction(async (tx) => {
    const scope = and(eq(monitors.id, monitorId), eq(monitors.organizationId, principal.organizationId));
    const [current] = await tx.select({ paused: monitors.paused }).from(monitors).where(scope).for('update');
    if (!current) throw new NotFound('monitor');
    if (!current.paused) {
      await tx.update(monitors).set({ paused: true, updatedAt: now }).where(scope);
      await tx.insert(monitorPauses).values({ monitorId, startedAt: now });
      await endIncidentAtPause(tx, monitorId, now);
      changed = true;
    }
    return getMonitor(tx, principal, monitorId);
  });
  if (changed) deps.onMonitorChanged?.(monitorId);
  return monitor;
}
