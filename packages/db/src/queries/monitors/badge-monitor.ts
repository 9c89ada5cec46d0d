import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitorState, monitors, schemaSnapshots } from '../../schema/index.js';
import { monitorOwnedBy } from './owned-monitor.js';

/** What a badge shows of a monitor besides its uptime and latency windows. */
export interface BadgeMonitor {
  id: string;
  status: MonitorDisplayStatus;
  degradedThresholdMs: number;
  /** The confirmed protocol version, as the server sent it (bounded at storage): hostile text. */
  protocolVersion: string | null;
  /** Tools in the confirmed schema; null before one is confirmed. */
  toolCount: number | null;
}

/**
 * A monitor whose owner made its badges public, or null: a monitor with private badges reads
 * exactly like a missing one. One statement, since badges are read far more often than written.
 */
export async function publicBadgeMonitor(
  db: Pick<Executor, 'select'>,
  monitorId: string,
): Promise<BadgeMonitor | null> {
  const [row] = await db
    .select({
      id: monitors.id,
      paused: monitors.paused,
      degradedThresholdMs: monitors.degradedThresholdMs,
      state: monitorState.status,
      protocolVersion: sql<string | null>`${monitorState.protocolTracking}->'confirmed'->>'protocolVersion'`,
      toolCount: schemaSnapshots.toolCount,
    })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .leftJoin(
      schemaSnapshots,
      and(eq(schemaSnapshots.monitorId, monitors.id), eq(schemaSnapshots.hash, monitorState.schemaHash)),
    )
    .where(and(eq(monitors.id, monitorId), eq(monitors.badgesPublic, true)));
  if (!row) return null;
  return {
    id: row.id,
    status: row.paused ? 'paused' : (row.state ?? 'pending'),
    degradedThresholdMs: row.degradedThresholdMs,
    protocolVersion: row.protocolVersion,
    toolCount: row.toolCount,
  };
}

/** Whether the badges of one of `organizationId`'s monitors are public; null when it has no such monitor. */
export async function ownedBadgesPublic(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorId: string,
): Promise<boolean | null> {
  const [row] = await db
    .select({ badgesPublic: monitors.badgesPublic })
    .from(monitors)
    .where(monitorOwnedBy(organizationId, monitorId));
  return row?.badgesPublic ?? null;
}

/** Makes the badges of one of `organizationId`'s monitors public or private; null when it has no such monitor. */
export async function setOwnedBadgesPublic(
  db: Pick<Executor, 'update'>,
  organizationId: string,
  monitorId: string,
  badgesPublic: boolean,
): Promise<boolean | null> {
  const [row] = await db
    .update(monitors)
    .set({ badgesPublic })
    .where(monitorOwnedBy(organizationId, monitorId))
    .returning({ badgesPublic: monitors.badgesPublic });
  return row?.badgesPublic ?? null;
}
