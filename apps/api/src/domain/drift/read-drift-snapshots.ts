import { NotFound, type Tool } from '@mcpulse/core';
import { type Executor, events, schemaSnapshots } from '@mcpulse/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

export interface DriftSnapshots {
  id: string;
  occurredAt: Date;
  fromHash: string | null;
  toHash: string | null;
  /** The tools before and after the drift, as hashed; null when that snapshot is not stored. */
  before: Tool[] | null;
  after: Tool[] | null;
}

function hashIn(payload: unknown, key: 'fromHash' | 'toHash'): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/**
 * Both tool snapshots of one drift of one of the caller's monitors, for a
 * side-by-side view. Snapshots are shared between organisations by hash, so
 * they are reached only through a drift event the caller owns.
 */
export async function readDriftSnapshots(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
  driftId: string,
): Promise<DriftSnapshots> {
  const [drift] = await db
    .select({ id: events.id, occurredAt: events.occurredAt, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.id, driftId),
        eq(events.monitorId, monitorId),
        eq(events.organizationId, principal.organizationId),
        eq(events.type, 'schema.drift'),
      ),
    );
  if (!drift) throw new NotFound('drift');
  const fromHash = hashIn(drift.payload, 'fromHash');
  const toHash = hashIn(drift.payload, 'toHash');
  const hashes = [fromHash, toHash].filter((hash): hash is string => hash !== null);
  const stored =
    hashes.length === 0
      ? []
      : await db
          .select({ hash: schemaSnapshots.hash, tools: schemaSnapshots.tools })
          .from(schemaSnapshots)
          .where(inArray(schemaSnapshots.hash, hashes));
  const toolsOf = (hash: string | null) =>
    (stored.find((snapshot) => snapshot.hash === hash)?.tools as Tool[] | undefined) ?? null;
  return {
    id: drift.id,
    occurredAt: drift.occurredAt,
    fromHash,
    toHash,
    before: toolsOf(fromHash),
    after: toolsOf(toHash),
  };
}
