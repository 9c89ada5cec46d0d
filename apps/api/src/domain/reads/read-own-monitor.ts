import { NotFound } from '@mcpulse/core';
import { type Executor, ownedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/**
 * Runs `read` for a monitor of the caller's organisation. Reads take a bare
 * monitor id, so this is where they are scoped: another organisation's
 * monitor is answered exactly like a missing one.
 */
export async function readOwnMonitor<T>(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
  read: (monitorId: string) => Promise<T>,
): Promise<T> {
  const owned = await ownedMonitor(db, principal.organizationId, monitorId);
  if (!owned) throw new NotFound('monitor');
  return read(owned.id);
}
