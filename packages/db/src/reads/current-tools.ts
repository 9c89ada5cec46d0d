import type { Tool } from '@mcpulse/core';
import type { SnapshotOmission } from '@mcpulse/core/domain';
import { and, eq, max, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, monitorState } from '../schema/index.js';
import { monitorSnapshots } from './monitor-snapshots.js';

export interface CurrentTools {
  hash: string;
  /** Empty when the tools were not kept (`omitted` says why). */
  tools: Tool[];
  toolCount: number;
  omitted: SnapshotOmission | null;
  /** When this schema became the monitor's confirmed one. */
  since: Date;
}

/** The monitor's confirmed tool schema, or null before one is confirmed (or when its snapshot is gone). */
export async function currentTools(db: Executor, monitorId: string): Promise<CurrentTools | null> {
  const [state] = await db
    .select({ hash: monitorState.schemaHash })
    .from(monitorState)
    .where(eq(monitorState.monitorId, monitorId));
  if (!state?.hash) return null;
  const snapshot = (await monitorSnapshots(db, monitorId, [state.hash])).get(state.hash);
  if (!snapshot) return null;
  const [drift] = await db
    .select({ at: max(events.occurredAt) })
    .from(events)
    .where(
      and(
        eq(events.monitorId, monitorId),
        eq(events.type, 'schema.drift'),
        sql`${events.payload}->>'toHash' = ${snapshot.hash}`,
      ),
    );
  // Without a drift to it, the schema is the first one the monitor saw.
  return {
    hash: snapshot.hash,
    tools: snapshot.tools ?? [],
    toolCount: snapshot.toolCount,
    omitted: snapshot.omitted,
    since: drift?.at ?? snapshot.firstSeenAt,
  };
}
