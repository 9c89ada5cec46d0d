import { openDatabase } from '@mcpulse/db';
import type { TestDatabase } from '@mcpulse/db/testing';
import { sql } from 'drizzle-orm';

/**
 * A seeded bench database is gigabytes, so Ctrl-C must not leave it behind.
 * TestDatabase.drop() first waits for the pool, i.e. for a seeding statement
 * that may run for a minute; this drops it at once from a connection of its
 * own, which ends the bench's sessions. Returns the function that disarms it.
 */
export function dropOnSignal(database: TestDatabase, log: (line: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    log(`\n${signal}: dropping the bench database`);
    void forceDrop(database.url).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

async function forceDrop(databaseUrl: string): Promise<void> {
  const admin = new URL(databaseUrl);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const handle = await openDatabase({ kind: 'postgres', url: admin.toString(), poolSize: 1 });
  try {
    await handle.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
  } finally {
    await handle.close();
  }
}
