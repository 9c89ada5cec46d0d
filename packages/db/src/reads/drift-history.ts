import { driftProtocolChange, type ProtocolIdentity, type SchemaDiff } from '@mcpulse/core';
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
  /** The protocol change the drift happened across; null for none. */
  protocolChange: { from: ProtocolIdentity; to: ProtocolIdentity } | null;
}

/** A stored drift event as the API shows it. */
export interface StoredDrift {
  id: string;
  occurredAt: Date;
  payload: unknown;
}

function hashIn(payload: unknown, key: 'fromHash' | 'toHash'): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/**
 * Drift events with the diff between the snapshot each left and the one it
 * arrived at, recomputed from the stored snapshots so that every drift reads
 * with the current diff rules.
 */
export async function driftViews(
  db: Pick<Executor, 'select'>,
  monitorId: string,
  drifts: readonly StoredDrift[],
): Promise<DriftView[]> {
  const hashed = drifts.map((drift) => ({
    id: drift.id,
    occurredAt: drift.occurredAt,
    fromHash: hashIn(drift.payload, 'fromHash'),
    toHash: hashIn(drift.payload, 'toHash'),
    protocolChange: driftProtocolChange(drift.payload),
  }));
  const hashes = hashed.flatMap((drift) => [drift.fromHash ?? [], drift.toHash ?? []].flat());
  const snapshots = await monitorSnapshots(db, monitorId, hashes);
  return hashed.map(({ protocolChange, ...drift }) => ({
    ...drift,
    ...driftDiff(
      drift.fromHash ? snapshots.get(drift.fromHash) : undefined,
      drift.toHash ? snapshots.get(drift.toHash) : undefined,
    ),
    protocolChange,
  }));
}

/** A monitor's confirmed schema drifts, newest first, one page at a time, each with its diff. */
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
    ({ occurredKey: _key, ...drift }) => drift,
    (row) => [row.occurredKey, row.id],
  );
  return { items: await driftViews(db, monitorId, page.items), nextCursor: page.nextCursor };
}
