import { count, eq } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitorState, monitors } from '../../schema/index.js';
import { type MonitorRow, monitorOwnedBy } from './owned-monitor.js';

export type NewMonitorRow = Omit<typeof monitors.$inferInsert, 'createdAt' | 'updatedAt'> & { id: string };
export type MonitorChanges = Partial<
  Omit<typeof monitors.$inferInsert, 'id' | 'organizationId' | 'createdAt'>
>;

/** A new monitor with its state row, pending until its first confirmed check. */
export async function insertMonitor(tx: Executor, monitor: NewMonitorRow, now: Date): Promise<void> {
  await tx.insert(monitors).values({ ...monitor, createdAt: now, updatedAt: now });
  await tx
    .insert(monitorState)
    .values({ monitorId: monitor.id, status: 'pending', since: now, updatedAt: now });
}

/** Changes one monitor of `organizationId`; the row as changed, or null when it has none by that id. */
export async function updateOwnedMonitor(
  db: Pick<Executor, 'update'>,
  organizationId: string,
  monitorId: string,
  changes: MonitorChanges,
): Promise<MonitorRow | null> {
  const [updated] = await db
    .update(monitors)
    .set(changes)
    .where(monitorOwnedBy(organizationId, monitorId))
    .returning();
  return updated ?? null;
}

/** Deletes one monitor of `organizationId` (its rows elsewhere cascade); false when it has none by that id. */
export async function deleteOwnedMonitor(
  db: Pick<Executor, 'delete'>,
  organizationId: string,
  monitorId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(monitors)
    .where(monitorOwnedBy(organizationId, monitorId))
    .returning({ id: monitors.id });
  return deleted.length > 0;
}

export async function countMonitors(db: Pick<Executor, 'select'>, organizationId: string): Promise<number> {
  const [usage] = await db
    .select({ monitors: count() })
    .from(monitors)
    .where(eq(monitors.organizationId, organizationId));
  return usage?.monitors ?? 0;
}
