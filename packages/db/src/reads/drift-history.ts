import type { SchemaDiff } from '@mcpulse/core';
import type { MissingSnapshotReason } from '@mcpulse/core/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events } from '../schema/index.js';
import { driftDiff, monitorSnapshots } from './monitor-snapshots.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';

export interface DriftView {
  id: string;
  occurredAt: Date;
  fromHash: string | null;
  toHash: string | null;
  /** Null when either snapshot is not stored, or its tools were not kept. */
  diff: SchemaDiff | null;
  /** Why `diff` is null. */
  diffUnavailable: MissingSnapshotReason | null;
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
  const hashes = drifts.flatMap((drift) => [drift.fromHash ?? [], drift.toHash ?? []].flat());
  const snapshots = await monitorSnapshots(db, monitorId, hashes);
  return {
    items: drifts.map((drift) => ({
      ...drift,
      ...driftDiff(
        drift.fromHash ? snapshots.get(drift.fromHash) : undefined,
        drift.toHash ? snapshots.get(drift.toHash) : undefined,
      ),
    })),
    nextCursor: page.nextCursor,
  };
}
