import { normalizeTools, type Tool } from '@mcpulse/core';
import { SNAPSHOT_LIMITS, type SnapshotOmission } from '@mcpulse/core/domain';
import { and, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { schemaSnapshots } from '../schema/index.js';
import { columnList, recordset } from './recordset.js';
import type { NewResult } from './result-row.js';

const SNAPSHOT_RECORD = [
  ['monitor_id', 'uuid'],
  ['hash', 'text'],
  ['tools', 'jsonb'],
  ['tool_count', 'integer'],
  ['size_bytes', 'integer'],
  ['omitted', 'text'],
  ['first_seen_at', 'timestamptz'],
] as const;

interface Sighting {
  monitorId: string;
  hash: string;
  seenAt: Date;
}

interface Listing {
  tools: Tool[];
  sizeBytes: number;
}

/** Kept snapshots of one monitor: when each was first seen, and its size. */
type Kept = Array<{ at: number; sizeBytes: number }>;

const key = (monitorId: string, hash: string) => `${monitorId} ${hash}`;

/** Each monitor's first sighting of each hash the batch carries tools for. */
function sightingsOf(rows: readonly NewResult[], tools: ReadonlyMap<string, Tool[]>): Sighting[] {
  const first = new Map<string, Sighting>();
  for (const row of rows) {
    if (!row.schemaHash || !tools.has(row.schemaHash)) continue;
    const id = key(row.monitorId, row.schemaHash);
    const seen = first.get(id);
    if (!seen || row.checkedAt < seen.seenAt) {
      first.set(id, { monitorId: row.monitorId, hash: row.schemaHash, seenAt: row.checkedAt });
    }
  }
  return [...first.values()].sort(
    (a, b) => a.seenAt.getTime() - b.seenAt.getTime() || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0),
  );
}

/** Why a new snapshot cannot keep its tools, given what its monitor kept in the window before it. */
function omission(listing: Listing, kept: Kept, at: number): SnapshotOmission | null {
  if (listing.sizeBytes > SNAPSHOT_LIMITS.maxBytes) return 'too_large';
  const recent = kept.filter((snapshot) => snapshot.at > at - SNAPSHOT_LIMITS.windowMs);
  const bytes = recent.reduce((sum, snapshot) => sum + snapshot.sizeBytes, 0);
  if (recent.length >= SNAPSHOT_LIMITS.perDayCount) return 'too_frequent';
  if (bytes + listing.sizeBytes > SNAPSHOT_LIMITS.perDayBytes) return 'too_frequent';
  return null;
}

/**
 * Stores the snapshot of every schema hash a monitor reports for the first
 * time, as part of the caller's transaction. Tools over the size cap, or past
 * the monitor's daily budget, are not kept; the row still records the hash,
 * so the drift and the monitor's confirmed schema move as before. A snapshot
 * already stored is left as it is.
 */
export async function insertSnapshots(
  tx: Executor,
  rows: readonly NewResult[],
  tools: ReadonlyMap<string, Tool[]>,
): Promise<void> {
  const sightings = sightingsOf(rows, tools);
  if (sightings.length === 0) return;
  const monitorIds = [...new Set(sightings.map((sighting) => sighting.monitorId))];
  const hashes = [...new Set(sightings.map((sighting) => sighting.hash))];
  const windowStart = new Date((sightings[0] as Sighting).seenAt.getTime() - SNAPSHOT_LIMITS.windowMs);
  const stored = await tx
    .select({
      monitorId: schemaSnapshots.monitorId,
      hash: schemaSnapshots.hash,
      sizeBytes: schemaSnapshots.sizeBytes,
      omitted: schemaSnapshots.omitted,
      firstSeenAt: schemaSnapshots.firstSeenAt,
    })
    .from(schemaSnapshots)
    .where(
      and(
        inArray(schemaSnapshots.monitorId, monitorIds),
        or(
          inArray(schemaSnapshots.hash, hashes),
          and(isNull(schemaSnapshots.omitted), gt(schemaSnapshots.firstSeenAt, windowStart)),
        ),
      ),
    );
  const known = new Set(stored.map((row) => key(row.monitorId, row.hash)));
  const kept = new Map<string, Kept>(monitorIds.map((id) => [id, []]));
  for (const row of stored) {
    if (row.omitted === null) {
      kept.get(row.monitorId)?.push({ at: row.firstSeenAt.getTime(), sizeBytes: row.sizeBytes });
    }
  }

  const listings = new Map<string, Listing>();
  const listingOf = (hash: string): Listing => {
    let listing = listings.get(hash);
    if (!listing) {
      const normalized = normalizeTools(tools.get(hash) ?? []);
      listing = { tools: normalized, sizeBytes: Buffer.byteLength(JSON.stringify(normalized), 'utf8') };
      listings.set(hash, listing);
    }
    return listing;
  };

  const records: object[] = [];
  for (const sighting of sightings) {
    if (known.has(key(sighting.monitorId, sighting.hash))) continue;
    const listing = listingOf(sighting.hash);
    const monitorKept = kept.get(sighting.monitorId) as Kept;
    const at = sighting.seenAt.getTime();
    const omitted = omission(listing, monitorKept, at);
    if (omitted === null) monitorKept.push({ at, sizeBytes: listing.sizeBytes });
    records.push({
      monitor_id: sighting.monitorId,
      hash: sighting.hash,
      tools: omitted === null ? listing.tools : null,
      tool_count: listing.tools.length,
      size_bytes: listing.sizeBytes,
      omitted,
      first_seen_at: sighting.seenAt,
    });
  }
  if (records.length === 0) return;
  await tx.execute(
    sql`insert into monitor_schema_snapshots (${columnList(SNAPSHOT_RECORD)})
        select ${columnList(SNAPSHOT_RECORD)} from ${recordset(records, SNAPSHOT_RECORD)}
        order by monitor_id, hash
        on conflict (monitor_id, hash) do nothing`,
  );
}
