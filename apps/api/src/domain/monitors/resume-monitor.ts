import { NotFound } from '@mcpulse/core';
import { monitorPauses, monitorState, monitors } from '@mcpulse/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { checkAtOnce } from './check-at-once.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps } from './monitor-deps.js';
import type { MonitorView } from './monitor-view.js';
import { reopenIncidentAtResume } from './pause-incidents.js';

/**
 * Closes the open pause window and schedules again; a monitor that was failing
 * when paused opens its incident anew. Resuming a running monitor changes nothing.
 */
export async function resumeMonitor(
  deps: Pick<MonitorDeps, 'db' | 'onMonitorChanged' | 'queues'>,
  principal: Principal,
  monitorId: string,
  now: Date,
): Promise<MonitorView> {
  const { view, resumed } = await deps.db.transaction(async (tx) => {
    const scope = and(eq(monitors.id, monitorId), eq(monitors.organizationId, principal.organizationId));
    const [current] = await tx.select().from(monitors).where(scope).for('update');
    if (!current) throw new NotFound('monitor');
    if (current.paused) {
      await tx.update(monitors).set({ paused: false, updatedAt: now }).where(scope);
      await tx
        .update(monitorPauses)
        .set({ endedAt: now })
        .where(and(eq(monitorPauses.monitorId, monitorId), isNull(monitorPauses.endedAt)));
      await reopenIncidentAtResume(tx, principal.organizationId, monitorId, now);
      const [state] = await tx
        .select({ schemaHash: monitorState.schemaHash })
        .from(monitorState)
        .where(eq(monitorState.monitorId, monitorId));
      return {
        view: await getMonitor(tx, principal, monitorId),
        resumed: { monitor: current, knownSchemaHash: state?.schemaHash ?? null },
      };
    }
    return { view: await getMonitor(tx, principal, monitorId), resumed: null };
  });
  if (resumed) {
    deps.onMonitorChanged?.(monitorId);
    await checkAtOnce(deps, resumed.monitor, resumed.knownSchemaHash, now);
  }
  return view;
}
