import { NotFound, type Tool } from '@mcpulse/core';
import type { MissingSnapshotReason } from '@mcpulse/core/domain';
import { type Executor, type MonitorSnapshot, monitorSnapshots, ownedDriftEvent } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

export interface DriftSnapshots {
  id: string;
  occurredAt: Date;
  fromHash: string | null;
  toHash: string | null;
  /** The tools before and after the drift, as hashed; null when that snapshot's tools are not stored. */
  before: Tool[] | null;
  after: Tool[] | null;
  /** Why `before` (or `after`) is null. */
  beforeUnavailable: MissingSnapshotReason | null;
  afterUnavailable: MissingSnapshotReason | null;
}

function hashIn(payload: unknown, key: 'fromHash' | 'toHash'): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

function unavailable(snapshot: MonitorSnapshot | undefined): MissingSnapshotReason | null {
  if (!snapshot) return 'not_stored';
  return snapshot.tools === null ? (snapshot.omitted ?? 'not_stored') : null;
}

/**
 * Both tool snapshots of one drift of one of the caller's monitors, for a
 * side-by-side view: the monitor's own snapshots, reached through a drift
 * event the caller owns.
 */
export async function readDriftSnapshots(
  db: Pick<Executor, 'select'>,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
  driftId: string,
): Promise<DriftSnapshots> {
  const drift = await ownedDriftEvent(db, principal.organizationId, monitorId, driftId);
  if (!drift) throw new NotFound('drift');
  const fromHash = hashIn(drift.payload, 'fromHash');
  const toHash = hashIn(drift.payload, 'toHash');
  const hashes = [fromHash, toHash].filter((hash): hash is string => hash !== null);
  const snapshots = await monitorSnapshots(db, monitorId, hashes);
  const before = fromHash ? snapshots.get(fromHash) : undefined;
  const after = toHash ? snapshots.get(toHash) : undefined;
  return {
    id: drift.id,
    occurredAt: drift.occurredAt,
    fromHash,
    toHash,
    before: before?.tools ?? null,
    after: after?.tools ?? null,
    beforeUnavailable: unavailable(before),
    afterUnavailable: unavailable(after),
  };
}
