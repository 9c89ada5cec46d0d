import { NotFound } from '@mcpulse/core';
import { type Db, endMaintenanceWindow as endWindow } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/**
 * Ends the occurrence under way now; a one-off window, or any with `cancel`,
 * is then over for good. Another organisation's window is reported missing,
 * exactly like an unknown id.
 */
export async function endMaintenanceWindow(
  db: Db,
  principal: Principal,
  windowId: string,
  cancel: boolean,
  now: Date,
): Promise<void> {
  if (!(await endWindow(db, principal.organizationId, windowId, now, cancel)))
    throw new NotFound('maintenance window');
}
