import type { Db } from '@mcpulse/db';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';

/** A seed for Postgres' random() from a chunk's start, so a re-run draws the same checks for it. */
function randomSeed(start: Date): number {
  return ((start.getTime() / 60_000) % 100_003) / 100_003;
}

/**
 * Runs one bulk seeding statement in a transaction of its own and returns the
 * rows it wrote, with random() seeded by `seed` when given. UTC makes
 * date_trunc and extract(hour) agree with the rollups' UTC buckets; the memory
 * is for its sorts and hash aggregates; an asynchronous commit is safe here
 * because the database is thrown away.
 */
export async function seedStatement(db: Db, statement: SQL, seed?: Date): Promise<number> {
  return db.transaction(async (tx) => {
    if (seed) await tx.execute(sql`select setseed(${randomSeed(seed)})`);
    await tx.execute(sql`set local time zone 'UTC'`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`set local synchronous_commit = off`);
    const result = (await tx.execute(statement)) as unknown as { rowCount: number | null };
    return result.rowCount ?? 0;
  });
}
