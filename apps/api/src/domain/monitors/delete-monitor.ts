import { NotFound } from '@mcpulse/core';
import { monitors } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps } from './monitor-deps.js';

/** Results, state, incidents and pauses go with it (foreign keys cascade). */
export async function deleteMonitor(
  deps: Pick<MonitorDeps, 'db' | 'onMonitorChanged'>,
  principal: Principal,
  monitorId: string,
): Promise<void> {
  const deleted = await deps.db
    .delete(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.organizationId, principal.organizationId)))
    .returning({ id: monitors.id });
  if (deleted.length === 0) throw new NotFound('monitor');
  deps.onMonitorChanged?.(monitorId);
}
