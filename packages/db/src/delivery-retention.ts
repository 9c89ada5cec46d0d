import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';

const DAY_MS = 86_400_000;
/** Rows deleted per statement, so that a large backlog never holds locks or bloats one transaction. */
const BATCH = 5_000;

/**
 * Deletes webhook deliveries that finished (succeeded, failed or abandoned)
 * more than `retentionDays` ago, with their attempts. Pending deliveries are
 * kept whatever their age: the sender still owes them attempts. The events
 * stay, since drift history reads them. Returns how many deliveries went.
 */
export async function dropExpiredDeliveries(db: Executor, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  let dropped = 0;
  for (;;) {
    const rows = await queryRows<{ count: number }>(
      db,
      sql`with expired as (
            select id from webhook_deliveries
            where status <> 'pending' and created_at < ${cutoff}::timestamptz
            order by created_at limit ${BATCH}
          ), deleted as (delete from webhook_deliveries d using expired where d.id = expired.id returning 1)
          select count(*)::int as count from deleted`,
    );
    const count = rows[0]?.count ?? 0;
    dropped += count;
    if (count < BATCH) return dropped;
  }
}
