import { type Db, listMonitorViews, type MonitorFilter, type MonitorView } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

export async function listMonitors(
  db: Db,
  principal: Principal,
  filter: MonitorFilter,
): Promise<MonitorView[]> {
  return listMonitorViews(db, principal.organizationId, filter);
}
