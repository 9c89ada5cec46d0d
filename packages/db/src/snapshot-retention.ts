import { SNAPSHOT_LIMITS } from '@mcpulse/core/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';

/** Rows deleted per statement, so that a large backlog never holds locks or bloats one transaction. */
const BATCH = 5_000;

async function deleteInBatches(db: Executor, statement: SQL): Promise<number> {
  let dropped = 0;
  for (;;) {
    const [row] = await queryRows<{ count: number }>(db, statement);
    const count = row?.count ?? 0;
    dropped += count;
    if (count < BATCH) return dropped;
  }
}

/**
 * Deletes the schema snapshots nothing refers to: not a monitor's confirmed
 * or candidate schema, nor a side of one of its drifts. A snapshot is kept
 * for one budget window after it was first seen, because it counts toward
 * its monitor's daily budget until then. Nothing is lost by deleting one: a
 * probe sends the tools of every schema hash other than the confirmed one, so
 * a schema seen again is stored again. The shared snapshots of the previous
 * release go the same way once no monitor refers to them. Returns how many
 * went.
 */
export async function dropUnreferencedSnapshots(db: Executor, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SNAPSHOT_LIMITS.windowMs).toISOString();
  const owned = await deleteInBatches(
    db,
    sql`with unreferenced as (
          select s.monitor_id, s.hash from monitor_schema_snapshots s
          where s.first_seen_at < ${cutoff}::timestamptz
            and not exists (
              select 1 from monitor_state m
              where m.monitor_id = s.monitor_id and s.hash in (m.schema_hash, m.candidate_schema_hash))
            and not exists (
              select 1 from events e
              where e.monitor_id = s.monitor_id and e.type = 'schema.drift'
                and s.hash in (e.payload->>'fromHash', e.payload->>'toHash'))
          limit ${BATCH}
        ), deleted as (
          delete from monitor_schema_snapshots d using unreferenced u
          where d.monitor_id = u.monitor_id and d.hash = u.hash returning 1)
        select count(*)::int as count from deleted`,
  );
  const shared = await deleteInBatches(
    db,
    sql`with unreferenced as (
          select s.hash from schema_snapshots s
          where s.first_seen_at < ${cutoff}::timestamptz
            and not exists (
              select 1 from monitor_state m where s.hash in (m.schema_hash, m.candidate_schema_hash))
            and not exists (
              select 1 from events e
              where e.type = 'schema.drift' and s.hash in (e.payload->>'fromHash', e.payload->>'toHash'))
          limit ${BATCH}
        ), deleted as (delete from schema_snapshots d using unreferenced u where d.hash = u.hash returning 1)
        select count(*)::int as count from deleted`,
  );
  return owned + shared;
}
