import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';

const DAY_MS = 86_400_000;
/** Rows deleted per statement: a day of thousands of endpoints is over a million rows. */
const BATCH = 10_000;

/**
 * Deletes the raw results of directory monitors older than `retentionDays`, inside the partitions
 * the general retention keeps (docs/directory.md, "Probing directory endpoints"). Their rollups stay,
 * so uptime and latency windows are unchanged. Run hourly, each run deletes about an hour of them.
 */
export async function dropExpiredDirectoryResults(
  db: Executor,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  let dropped = 0;
  for (;;) {
    const rows = await queryRows<{ count: number }>(
      db,
      sql`with expired as (
            select r.monitor_id, r.region, r.slot from probe_results r
            where r.slot < ${cutoff}::timestamptz
              and r.monitor_id in (select id from monitors where organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid)
            limit ${BATCH}
          ), deleted as (
            delete from probe_results p using expired e
            where p.monitor_id = e.monitor_id and p.region = e.region and p.slot = e.slot
            returning 1
          )
          select count(*)::int as count from deleted`,
    );
    const count = rows[0]?.count ?? 0;
    dropped += count;
    if (count < BATCH) return dropped;
  }
}
