import type { Tool } from '@mcpulse/core';
import { getTableColumns, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { probeResults } from '../schema/index.js';
import { insertSnapshots } from './insert-snapshots.js';
import { columnList, recordset } from './recordset.js';
import type { NewResult } from './result-row.js';
import { rollupDeltas } from './rollup-deltas.js';

/** probe_results columns read from the schema, so a new column cannot be silently left out of ingest. */
const RESULT_COLUMNS = Object.entries(getTableColumns(probeResults)).map(
  ([key, column]) => [key, column.name, column.getSQLType()] as const,
);
const RESULT_NAMES = RESULT_COLUMNS.map(([, name, type]) => [name, type] as const);
/** Results travel as they are, keyed by property: no per-row object is built to rename the keys. */
const RESULT_RECORD = RESULT_COLUMNS.map(([key, , type]) => [key, type] as const);

const ROLLUP_RECORD = [
  ['monitor_id', 'uuid'],
  ['region', 'text'],
  ['granularity', 'text'],
  ['bucket_start', 'timestamptz'],
  ['checks', 'integer'],
  ['up', 'integer'],
  ['degraded', 'integer'],
  ['down', 'integer'],
  ['latency_sum_ms', 'real'],
  ['latency_histogram', 'jsonb'],
] as const;

function resultKey(monitorId: string, region: string, slotMs: number): string {
  return `${monitorId}\u0000${region}\u0000${slotMs}`;
}

/** One row per monitor, region and slot: the first wins, as the insert itself would decide. */
function distinctSlots(rows: readonly NewResult[]): Map<string, NewResult> {
  const byKey = new Map<string, NewResult>();
  for (const row of rows) {
    const key = resultKey(row.monitorId, row.region, row.slot.getTime());
    if (!byKey.has(key)) byKey.set(key, row);
  }
  return byKey;
}

/**
 * Stores a batch of results idempotently and folds the newly stored checks
 * (not the skipped slots) into the minute, hour and day rollups. A result already stored (a retried job)
 * changes nothing, so rollups never count a check twice. Runs in a transaction
 * of its own, nested as a savepoint when the caller already holds one, so that
 * results and rollups are never half written. `tools` maps schema hashes to
 * the tools that produced them, for the monitors' snapshots (insertSnapshots).
 * Every statement writes its rows in key order, so two ingesters racing over
 * overlapping batches wait for each other instead of deadlocking.
 */
export async function insertResults(
  db: Executor,
  rows: readonly NewResult[],
  tools?: ReadonlyMap<string, Tool[]>,
): Promise<{ inserted: NewResult[] }> {
  if (rows.length === 0) return { inserted: [] };
  const batch = distinctSlots(rows);
  return db.transaction(async (tx) => {
    const stored = await queryRows<{ monitor_id: string; region: string; slot_ms: number }>(
      tx,
      sql`insert into probe_results (${columnList(RESULT_NAMES)})
          select ${columnList(RESULT_RECORD)} from ${recordset([...batch.values()], RESULT_RECORD)}
          order by "monitorId", region, slot
          on conflict do nothing
          returning monitor_id, region, (extract(epoch from slot) * 1000)::float8 as slot_ms`,
    );
    const inserted = stored.flatMap(
      (row) => batch.get(resultKey(row.monitor_id, row.region, row.slot_ms)) ?? [],
    );

    const deltas = rollupDeltas(inserted);
    if (deltas.length > 0) {
      // Every level in one statement; rows go to their level's partition. Sorted by the full key,
      // so concurrent ingests lock rollup rows in one order.
      await tx.execute(
        sql`insert into rollups (${columnList(ROLLUP_RECORD)})
            select ${columnList(ROLLUP_RECORD)} from ${recordset(deltas, ROLLUP_RECORD)}
            order by granularity, monitor_id, region, bucket_start
            on conflict (monitor_id, granularity, region, bucket_start) do update set
              checks = rollups.checks + excluded.checks,
              up = rollups.up + excluded.up,
              degraded = rollups.degraded + excluded.degraded,
              down = rollups.down + excluded.down,
              latency_sum_ms = rollups.latency_sum_ms + excluded.latency_sum_ms,
              latency_histogram = mcpulse_histogram_add(rollups.latency_histogram, excluded.latency_histogram)`,
      );
    }

    if (tools) await insertSnapshots(tx, [...batch.values()], tools);
    return { inserted };
  });
}
