import type { Tool } from '@mcpulse/core';
import { and, eq, max, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, monitorState, monitors, schemaSnapshots } from '../schema/index.js';

export interface CurrentTools {
  hash: string;
  tools: Tool[];
  toolCount: number;
  /** When this schema became the monitor's confirmed one. */
  since: Date;
}

/** The monitor's confirmed tool schema, or null before one is confirmed. */
export async function currentTools(db: Executor, monitorId: string): Promise<CurrentTools | null> {
  const [row] = await db
    .select({
      hash: schemaSnapshots.hash,
      tools: schemaSnapshots.tools,
      toolCount: schemaSnapshots.toolCount,
      firstSeenAt: schemaSnapshots.firstSeenAt,
      monitorCreatedAt: monitors.createdAt,
    })
    .from(monitorState)
    .innerJoin(monitors, eq(monitors.id, monitorState.monitorId))
    .innerJoin(schemaSnapshots, eq(schemaSnapshots.hash, monitorState.schemaHash))
    .where(eq(monitorState.monitorId, monitorId));
  if (!row) return null;
  const [drift] = await db
    .select({ at: max(events.occurredAt) })
    .from(events)
    .where(
      and(
        eq(events.monitorId, monitorId),
        eq(events.type, 'schema.drift'),
        sql`${events.payload}->>'toHash' = ${row.hash}`,
      ),
    );
  // Without a drift to it, the schema is the first one the monitor saw; snapshots are shared
  // between monitors, so a hash may have been seen before this monitor existed.
  const firstSeen = new Date(Math.max(row.firstSeenAt.getTime(), row.monitorCreatedAt.getTime()));
  return {
    hash: row.hash,
    tools: row.tools as Tool[],
    toolCount: row.toolCount,
    since: drift?.at ?? firstSeen,
  };
}
