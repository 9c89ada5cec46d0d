import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { type Db, monitors } from '@mcpulse/db';
import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { type MonitorView, monitorStatusSql, queryMonitorViews } from './monitor-view.js';

export interface MonitorFilter {
  /** Part of the name or URL, any case. */
  search?: string | undefined;
  status?: MonitorDisplayStatus | undefined;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function listMonitors(
  db: Db,
  principal: Principal,
  filter: MonitorFilter,
): Promise<MonitorView[]> {
  const conditions: SQL[] = [eq(monitors.organizationId, principal.organizationId)];
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    const matches = or(ilike(monitors.name, pattern), ilike(monitors.url, pattern));
    if (matches) conditions.push(matches);
  }
  if (filter.status) conditions.push(eq(monitorStatusSql, filter.status));
  return queryMonitorViews(db, and(...conditions));
}
