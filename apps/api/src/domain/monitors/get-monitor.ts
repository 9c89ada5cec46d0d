import { NotFound } from '@mcpulse/core';
import { type Executor, monitors } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { type MonitorView, queryMonitorViews } from './monitor-view.js';

/** Another organisation's monitor is answered exactly like a missing one. */
export async function getMonitor(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
): Promise<MonitorView> {
  const [monitor] = await queryMonitorViews(
    db,
    and(eq(monitors.organizationId, principal.organizationId), eq(monitors.id, monitorId)),
  );
  if (!monitor) throw new NotFound('monitor');
  return monitor;
}
