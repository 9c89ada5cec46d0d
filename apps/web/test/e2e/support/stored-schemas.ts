import { Buffer } from 'node:buffer';
import { computeSchemaHash, diffSnapshots, normalizeTools, type Tool } from '@mcpulse/core';
import { events, monitorState, openDatabase, schemaSnapshots } from '@mcpulse/db';

const HOUR_MS = 3_600_000;

/** The schema the first stored drift comes from, whose snapshot was never stored. */
export const NEVER_STORED_HASH = 'f'.repeat(64);

/**
 * Writes a monitor's tool-schema history straight into a stopped embedded
 * stack's database, as a release without snapshot caps or a storable boundary
 * wrote it (or a future one with higher caps would): every listing kept
 * whole, whatever its depth or size. Each listing is a snapshot, an hour
 * apart; each one after the first is a drift from the one before it; the
 * first is a drift from a schema whose snapshot was never stored; the last is
 * the monitor's confirmed schema. Returns the listings' hashes, oldest first.
 */
export async function storeSchemaHistory(
  pgliteDir: string,
  monitorId: string,
  listings: readonly (readonly unknown[])[],
): Promise<string[]> {
  const database = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
  try {
    const { db } = database;
    const monitor = await db.query.monitors.findFirst({
      columns: { organizationId: true },
      where: (monitors, { eq }) => eq(monitors.id, monitorId),
    });
    if (!monitor) throw new Error(`no monitor ${monitorId}`);
    const start = Date.now() - (listings.length + 1) * HOUR_MS;
    const tools = listings.map((listing) => normalizeTools(listing as Tool[]));
    const hashes = tools.map((listing) => computeSchemaHash(listing));
    await db.transaction(async (tx) => {
      for (const [index, listing] of tools.entries()) {
        const at = new Date(start + index * HOUR_MS);
        const hash = hashes[index] as string;
        const fromHash = index === 0 ? NEVER_STORED_HASH : (hashes[index - 1] as string);
        await tx.insert(schemaSnapshots).values({
          monitorId,
          hash,
          tools: listing,
          toolCount: listing.length,
          sizeBytes: Buffer.byteLength(JSON.stringify(listing), 'utf8'),
          omitted: null,
          firstSeenAt: at,
        });
        // As that release wrote a drift: its diff when both sides were stored.
        const before = index === 0 ? null : (tools[index - 1] as Tool[]);
        const diff = before ? diffSnapshots({ tools: before }, { tools: listing }) : null;
        await tx.insert(events).values({
          organizationId: monitor.organizationId,
          monitorId,
          type: 'schema.drift',
          occurredAt: at,
          dedupeKey: `schema.drift:${hash}:${at.toISOString()}`,
          payload: { fromHash, toHash: hash, breaking: diff?.breaking ?? null, diff },
        });
      }
      const confirmed = { schemaHash: hashes.at(-1) as string, candidateSchemaHash: null, candidateSeen: 0 };
      await tx
        .insert(monitorState)
        .values({ monitorId, ...confirmed })
        .onConflictDoUpdate({ target: monitorState.monitorId, set: confirmed });
    });
    return hashes;
  } finally {
    await database.close();
  }
}
