import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.js';
import { MIGRATIONS_FOLDER, migrate } from './migrate.js';
import { legacySchemaSnapshots, organizations, schemaSnapshots } from './schema/index.js';

const OWNED_SINCE = '0007_monitor_schema_snapshots';
const hash = (letter: string) => letter.repeat(64);

/** The migrations folder as the previous release shipped it: everything before snapshots had owners. */
async function previousRelease(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcpulse-migrations-'));
  await mkdir(path.join(dir, 'meta'));
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const until = journal.entries.findIndex((entry) => entry.tag === OWNED_SINCE);
  journal.entries = journal.entries.slice(0, until);
  await writeFile(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const file of await readdir(MIGRATIONS_FOLDER)) {
    if (journal.entries.some((entry) => `${entry.tag}.sql` === file)) {
      await copyFile(path.join(MIGRATIONS_FOLDER, file), path.join(dir, file));
    }
  }
  return dir;
}

describe('migration 0007: schema snapshots get owners', () => {
  let handle: DatabaseHandle;
  let folder: string;
  beforeAll(async () => {
    folder = await previousRelease();
    handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('copies each shared snapshot to every monitor that refers to it, and keeps the shared rows', async () => {
    const db = handle.db;
    const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
    const created = new Date('2026-11-01T00:00:00Z');
    // In the previous release's columns, as below: the current schema has columns later migrations add.
    const inserted = await db.execute(
      sql`insert into monitors (organization_id, name, url, regions, created_at)
          select ${org!.id}, name, 'https://example.com/mcp', '{eu-west}', ${created.toISOString()}::timestamptz
          from unnest(array['first', 'second', 'third']) with ordinality as t(name, n) order by n
          returning id`,
    );
    const [first, second, third] = (inserted as unknown as { rows: { id: string }[] }).rows;
    const tools = (name: string) => [{ name, inputSchema: { type: 'object' } }];
    await db.insert(legacySchemaSnapshots).values([
      { hash: hash('a'), tools: tools('a'), toolCount: 1, firstSeenAt: new Date('2026-10-01T00:00:00Z') },
      { hash: hash('b'), tools: tools('b'), toolCount: 1, firstSeenAt: new Date('2026-11-05T00:00:00Z') },
      { hash: hash('c'), tools: tools('c'), toolCount: 1, firstSeenAt: new Date('2026-11-02T00:00:00Z') },
      { hash: hash('d'), tools: tools('d'), toolCount: 1, firstSeenAt: new Date('2026-11-03T00:00:00Z') },
    ]);
    // In the previous release's columns: the current schema has columns later migrations add.
    await db.execute(
      sql`insert into monitor_state (monitor_id, schema_hash, candidate_schema_hash)
          values (${first!.id}, ${hash('a')}, ${hash('b')}), (${second!.id}, ${hash('a')}, null)`,
    );
    const drift = JSON.stringify({ fromHash: hash('c'), toHash: hash('a') });
    await db.execute(
      sql`insert into events (organization_id, monitor_id, type, occurred_at, dedupe_key, payload)
          values (${org!.id}, ${second!.id}, 'schema.drift', '2026-11-06T00:00:00Z', 'drift-1', ${drift}::jsonb)`,
    );

    await migrate(handle);

    const owned = await db
      .select()
      .from(schemaSnapshots)
      .orderBy(asc(schemaSnapshots.monitorId), asc(schemaSnapshots.hash));
    const byMonitor = (id: string) =>
      owned.filter((row) => row.monitorId === id).map((row) => [row.hash[0], row.firstSeenAt.toISOString()]);
    expect(byMonitor(first!.id)).toEqual([
      ['a', created.toISOString()],
      ['b', '2026-11-05T00:00:00.000Z'],
    ]);
    expect(byMonitor(second!.id)).toEqual([
      ['a', created.toISOString()],
      ['c', '2026-11-02T00:00:00.000Z'],
    ]);
    expect(byMonitor(third!.id)).toEqual([]);
    for (const row of owned) {
      expect(row).toMatchObject({ tools: tools(row.hash[0]!), toolCount: 1, omitted: null });
      expect(row.sizeBytes).toBeGreaterThan(0);
    }
    // The previous release still reads and writes the shared table while it runs.
    expect(await db.select().from(legacySchemaSnapshots)).toHaveLength(4);
  });
});
