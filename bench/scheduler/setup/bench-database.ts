import { type Db, monitors, organizations } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { sql } from 'drizzle-orm';

export const BENCH_REGION = 'bench';
export const INTERVAL_SECONDS = 60;

export interface BenchMonitor {
  id: string;
  intervalSeconds: number;
  regions: string[];
}

/**
 * A fresh migrated database holding one organisation (inserted directly, so no
 * plan quota applies) and `count` monitors in the bench region, their URLs
 * spread round-robin over the fleet. One INSERT … SELECT: 20,000 rows in well
 * under a second, and no statement parameter limit to page around.
 */
export async function createBenchDatabase(
  count: number,
  urls: readonly string[],
): Promise<{ database: TestDatabase; monitors: BenchMonitor[] }> {
  const database = await createTestDatabase();
  try {
    const db: Db = database.handle.db;
    const [org] = await db
      .insert(organizations)
      .values({ name: 'scheduler bench', plan: 'team' })
      .returning({ id: organizations.id });
    if (!org) throw new Error('organisation insert returned no row');
    await db.execute(sql`
      insert into monitors (organization_id, name, url, regions, interval_seconds)
      select ${org.id}::uuid, 'bench-' || i,
             (array[${sql.join(
               urls.map((url) => sql`${url}::text`),
               sql`, `,
             )}])[1 + i % ${urls.length}] || '/' || i,
             array[${BENCH_REGION}]::text[], ${INTERVAL_SECONDS}
      from generate_series(0, ${count - 1}) as i`);
    const rows = await db
      .select({ id: monitors.id, intervalSeconds: monitors.intervalSeconds, regions: monitors.regions })
      .from(monitors);
    return { database, monitors: rows };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
