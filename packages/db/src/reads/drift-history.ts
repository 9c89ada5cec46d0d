import { diffSnapshots, type SchemaDiff, type Tool } from '@mcpulse/core';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events, schemaSnapshots } from '../schema/index.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';

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
 * A monitor's confirmed schema drifts, newest first, one page at a time, each
 * with the diff between the snapshot it left and the one it arrived at,
 * recomputed from the stored snapshots so that every drift reads with the
 * current diff rules.
 */
export async function driftHistory(
  db: Executor,
  monitorId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<DriftView>> {
  const after = newestFirstAfter(events.occurredAt, events.id, cursor);
  const rows = await db
    .select({
      id: events.id,
      occurredAt: events.occurredAt,
      payload: events.payload,
      occurredKey: exactTime(events.occurredAt),
    })
    .from(events)
    .where(and(eq(events.monitorId, monitorId), eq(events.type, 'schema.drift'), after))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit + 1);
  const page = pageOf(
    rows,
    limit,
    (row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      fromHash: hashIn(row.payload, 'fromHash'),
      toHash: hashIn(row.payload, 'toHash'),
    }),
    (row) => [row.occurredKey, row.id],
  );
  const drifts = page.items;
  const hashes = [...new Set(drifts.flatMap((drift) => [drift.fromHash ?? [], drift.toHash ?? []].flat()))];
  const snapshots = new Map<string, Tool[]>();
  if (hashes.length > 0) {
    const stored = await db
      .select({ hash: schemaSnapshots.hash, tools: schemaSnapshots.tools })
      .from(schemaSnapshots)
      .where(inArray(schemaSnapshots.hash, hashes));
    for (const snapshot of stored) snapshots.set(snapshot.hash, snapshot.tools as Tool[]);
  }
  return {
    items: drifts.map((drift) => {
      const before = drift.fromHash ? snapshots.get(drift.fromHash) : undefined;
      const arrived = drift.toHash ? snapshots.get(drift.toHash) : undefined;
      return {
        ...drift,
        diff: before && arrived ? diffSnapshots({ tools: before }, { tools: arrived }) : null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
