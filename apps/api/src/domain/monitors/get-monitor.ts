import { NotFound } from '@mcpulse/core';
import { type Executor, type MonitorView, ownedMonitorView } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/** Another organisation's monitor is answered exactly like a missing one. */
export async function getMonitor(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
): Promise<MonitorView> {
  const monitor = await ownedMonitorView(db, principal.organizationId, monitorId);
  if (!monitor) throw new NotFound('monitor');
  return monitor;
}
