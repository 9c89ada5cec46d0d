import { NotFound } from '@mcpulse/core';
import {
  closePause,
  inTransaction,
  type MonitorView,
  monitorSchemaHash,
  ownedMonitor,
  updateOwnedMonitor,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { checkAtOnce } from './check-at-once.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps } from './monitor-deps.js';
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
  const { organizationId } = principal;
  const { view, resumed } = await inTransaction(deps.db, async (tx) => {
    const current = await ownedMonitor(tx, organizationId, monitorId, { forUpdate: true });
    if (!current) throw new NotFound('monitor');
    if (current.paused) {
      await updateOwnedMonitor(tx, organizationId, monitorId, { paused: false, updatedAt: now });
      await closePause(tx, monitorId, now);
      await reopenIncidentAtResume(tx, organizationId, monitorId, now);
      const knownSchemaHash = await monitorSchemaHash(tx, monitorId);
      return {
        view: await getMonitor(tx, principal, monitorId),
        resumed: { monitor: current, knownSchemaHash },
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
