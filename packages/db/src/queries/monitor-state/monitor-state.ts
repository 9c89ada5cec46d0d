import type { MonitorStatus } from '@mcpulse/core/domain';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitorRegionState, monitorState } from '../../schema/index.js';

export type NewRegionState = typeof monitorRegionState.$inferInsert;

/** The monitor's confirmed tool-schema hash, or null before one is confirmed. */
export async function monitorSchemaHash(
  db: Pick<Executor, 'select'>,
  monitorId: string,
): Promise<string | null> {
  const [state] = await db
    .select({ schemaHash: monitorState.schemaHash })
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId));
  return state?.schemaHash ?? null;
}

/**
 * The monitor's state row, locked until the transaction ends, as ingest locks
 * it: take it after the monitor row, the order ingest's own locks follow.
 */
export async function lockMonitorState(
  tx: Pick<Executor, 'select'>,
  monitorId: string,
): Promise<{ status: MonitorStatus; openIncidentId: string | null } | null> {
  const [state] = await tx
    .select({ status: monitorState.status, openIncidentId: monitorState.openIncidentId })
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId))
    .for('update');
  return state ?? null;
}

/** Per-region state rows of a new monitor. */
export async function insertRegionStates(
  tx: Pick<Executor, 'insert'>,
  rows: readonly NewRegionState[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(monitorRegionState).values([...rows]);
}
