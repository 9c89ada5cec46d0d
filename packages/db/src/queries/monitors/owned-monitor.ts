import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitors } from '../../schema/index.js';

export type MonitorRow = typeof monitors.$inferSelect;

/**
 * The owner scope of a monitor: every query that acts on a monitor for an
 * organisation narrows by it, so another organisation's monitor reads exactly
 * like a missing one.
 */
export function monitorOwnedBy(organizationId: string, monitorId: string | readonly string[]): SQL {
  const id =
    typeof monitorId === 'string' ? eq(monitors.id, monitorId) : inArray(monitors.id, [...monitorId]);
  return and(eq(monitors.organizationId, organizationId), id)!;
}

/**
 * One monitor of `organizationId`, or null when it has none by that id. With
 * `forUpdate` its row stays locked until the caller's transaction ends.
 */
export async function ownedMonitor(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorId: string,
  options: { forUpdate?: boolean } = {},
): Promise<MonitorRow | null> {
  const query = db.select().from(monitors).where(monitorOwnedBy(organizationId, monitorId));
  const [monitor] = options.forUpdate ? await query.for('update') : await query;
  return monitor ?? null;
}

/** Those of `monitorIds` that are monitors of `organizationId`. */
export async function ownedMonitorIds(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorIds: readonly string[],
): Promise<string[]> {
  if (monitorIds.length === 0) return [];
  const rows = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(monitorOwnedBy(organizationId, monitorIds));
  return rows.map((row) => row.id);
}
