import { NotFound } from '@mcpulse/core';
import { type Db, listMaintenanceWindows as listWindows, ownedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { maintenanceWindowAnswer } from './maintenance-view.js';

/** The live windows of the organisation, or those covering one monitor (its own and the organisation's). */
export async function listMaintenanceWindows(
  db: Db,
  principal: Principal,
  monitorId: string | null,
  now: Date,
) {
  if (monitorId !== null && !(await ownedMonitor(db, principal.organizationId, monitorId))) {
    throw new NotFound('monitor');
  }
  const windows = await listWindows(db, principal.organizationId, monitorId, now);
  return { windows: windows.map(maintenanceWindowAnswer) };
}
