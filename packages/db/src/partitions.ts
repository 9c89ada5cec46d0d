import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database.js';

const DAY_MS = 86_400_000;
/** Serialises partition changes between processes: API replicas migrating, the scheduler's upkeep. */
const PARTITION_LOCK = 8_246_002;

function dayStart(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

export function partitionName(day: Date): string {
  return `probe_results_${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/**
 * Creates the daily partitions of probe_results around `now`. Rows that landed in
 * the default partition for a day are moved into that day's new partition, so
 * creating a partition late never fails and never loses a result. Processes
 * that run it at once (replicas starting together) take turns, and each day is
 * created by whichever comes first.
 */
export async function ensureResultPartitions(
  db: Executor,
  now: Date,
  daysAhead = 7,
  daysBehind = 1,
): Promise<void> {
  const existing = new Set(await listResultPartitions(db));
  const first = dayStart(now).getTime() - daysBehind * DAY_MS;
  for (let t = first; t <= dayStart(now).getTime() + daysAhead * DAY_MS; t += DAY_MS) {
    const from = new Date(t);
    const name = partitionName(from);
    if (existing.has(name)) continue;
    const to = new Date(t + DAY_MS);
    const table = sql.identifier(name);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
      const [made] = await queryRows<{ made: boolean }>(
        tx,
        sql`select to_regclass(${name}) is not null as made`,
      );
      if (made?.made) return;
      await tx.execute(
        sql`create table ${table} (like probe_results including defaults including constraints)`,
      );
      await tx.execute(
        sql`with moved as (delete from probe_results_default where slot >= ${from.toISOString()}::timestamptz and slot < ${to.toISOString()}::timestamptz returning *)
            insert into ${table} select * from moved`,
      );
      await tx.execute(
        sql`alter table probe_results attach partition ${table} for values from (${sql.raw(`'${from.toISOString()}'`)}) to (${sql.raw(`'${to.toISOString()}'`)})`,
      );
    });
  }
}

export async function listResultPartitions(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent where p.relname = 'probe_results' and c.relname <> 'probe_results_default'`,
  );
  return rows.map((row) => row.name).sort();
}

/** Drops whole days of raw results past the retention window: O(1) however many rows they hold. */
export async function dropExpiredResults(db: Executor, now: Date, retentionDays: number): Promise<string[]> {
  const cutoff = dayStart(new Date(now.getTime() - retentionDays * DAY_MS));
  const dropped: string[] = [];
  for (const name of await listResultPartitions(db)) {
    const day = /^probe_results_(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!day) continue;
    const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) + DAY_MS;
    if (end > cutoff.getTime()) continue;
    await db.execute(sql`drop table ${sql.identifier(name)}`);
    dropped.push(name);
  }
  await db.execute(sql`delete from probe_results_default where slot < ${cutoff.toISOString()}::timestamptz`);
  await db.execute(
    sql`delete from rollups where granularity = 'minute' and bucket_start < ${cutoff.toISOString()}::timestamptz`,
  );
  return dropped;
}
