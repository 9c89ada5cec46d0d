import { NotFound } from '@mcpulse/core';
import { deleteOwnedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps } from './monitor-deps.js';

/** Results, state, incidents and pauses go with it (foreign keys cascade). */
export async function deleteMonitor(
  deps: Pick<MonitorDeps, 'db' | 'onMonitorChanged'>,
  principal: Principal,
  monitorId: string,
): Promise<void> {
  if (!(await deleteOwnedMonitor(deps.db, principal.organizationId, monitorId)))
    throw new NotFound('monitor');
  deps.onMonitorChanged?.(monitorId);
}
