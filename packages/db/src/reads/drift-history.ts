import { diffSnapshots, type SchemaDiff, type Tool } from '@mcpulse/core';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, schemaSnapshots } from '../schema/index.js';

export interface DriftView {
  id: string;
  occurredAt: Date;
  fromHash: string | null;
  toHash: string | null;
  /** Null when either snapshot is not stored (it never reached ingest, or predates it). */
  diff: SchemaDiff | null;
}

function hashIn(payload: unknown, key: 'fromHash' | 'toHash'): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/**
 * A monitor's confirmed schema drifts, newest first, each with the diff
 * between the snapshot it left and the one it arrived at, recomputed from the
 * stored snapshots so that every drift reads with the current diff rules.
 */
export async function driftHistory(db: Executor, monitorId: string, limit: number): Promise<DriftView[]> {
  const rows = await db
    .select({ id: events.id, occurredAt: events.occurredAt, payload: events.payload })
    .from(events)
    .where(and(eq(events.monitorId, monitorId), eq(events.type, 'schema.drift')))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit);
  const drifts = rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurredAt,
    fromHash: hashIn(row.payload, 'fromHash'),
    toHash: hashIn(row.payload, 'toHash'),
  }));
  const hashes = [...new Set(drifts.flatMap((drift) => [drift.fromHash ?? [], drift.toHash ?? []].flat()))];
  const snapshots = new Map<string, Tool[]>();
  if (hashes.length > 0) {
    const stored = await db
      .select({ hash: schemaSnapshots.hash, tools: schemaSnapshots.tools })
      .from(schemaSnapshots)
      .where(inArray(schemaSnapshots.hash, hashes));
    for (const snapshot of stored) snapshots.set(snapshot.hash, snapshot.tools as Tool[]);
  }
  return drifts.map((drift) => {
    const before = drift.fromHash ? snapshots.get(drift.fromHash) : undefined;
    const after = drift.toHash ? snapshots.get(drift.toHash) : undefined;
    return { ...drift, diff: before && after ? diffSnapshots({ tools: before }, { tools: after }) : null };
  });
}
