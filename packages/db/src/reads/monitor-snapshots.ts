import { diffSnapshots, readStoredTools, type SchemaDiff, type Tool } from '@mcpulse/core';
import type { MissingSnapshotReason, SnapshotOmission } from '@mcpulse/core/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { schemaSnapshots } from '../schema/index.js';

export interface MonitorSnapshot {
  hash: string;
  /** Null when the tools were not kept; `omitted` says why. */
  tools: Tool[] | null;
  omitted: SnapshotOmission | null;
  toolCount: number;
  firstSeenAt: Date;
}

/** The monitor's own snapshots of `hashes`, by hash; tools read in the published shape. */
export async function monitorSnapshots(
  db: Pick<Executor, 'select'>,
  monitorId: string,
  hashes: readonly string[],
): Promise<Map<string, MonitorSnapshot>> {
  const wanted = [...new Set(hashes)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      hash: schemaSnapshots.hash,
      tools: schemaSnapshots.tools,
      omitted: schemaSnapshots.omitted,
      toolCount: schemaSnapshots.toolCount,
      firstSeenAt: schemaSnapshots.firstSeenAt,
    })
    .from(schemaSnapshots)
    .where(and(eq(schemaSnapshots.monitorId, monitorId), inArray(schemaSnapshots.hash, wanted)));
  return new Map(
    rows.map((row) => [
      row.hash,
      { ...row, tools: row.tools === null ? null : readStoredTools(row.tools), omitted: row.omitted ?? null },
    ]),
  );
}

export interface DriftDiff {
  diff: SchemaDiff | null;
  /** Why `diff` is null. */
  diffUnavailable: MissingSnapshotReason | null;
}

/** The diff of one drift from its two snapshots, or why there is none. */
export function driftDiff(
  before: MonitorSnapshot | undefined,
  after: MonitorSnapshot | undefined,
): DriftDiff {
  if (!before || !after) return { diff: null, diffUnavailable: 'not_stored' };
  if (before.tools === null || after.tools === null) {
    return { diff: null, diffUnavailable: before.omitted ?? after.omitted ?? 'not_stored' };
  }
  return { diff: diffSnapshots({ tools: before.tools }, { tools: after.tools }), diffUnavailable: null };
}
