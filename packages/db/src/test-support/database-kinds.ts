import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle, Db } from '../database.js';
import { monitors, organizations } from '../schema/index.js';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from '../testing/index.js';

export const DATABASE_KINDS = ['postgres', 'pglite'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** Opens a fresh migrated database of `kind` for the enclosing describe block; call inside it. */
export function useDatabase(kind: DatabaseKind): () => Db {
  let handle: DatabaseHandle | undefined;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      testDb = await createTestDatabase();
      handle = testDb.handle;
    } else {
      handle = await createPgliteDatabase();
    }
  }, 60_000);
  afterAll(async () => {
    if (testDb) await testDb.drop();
    else await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('the database is not open yet');
    return handle.db;
  };
}

export async function createOrganization(db: Db, name = 'org'): Promise<string> {
  const [org] = await db.insert(organizations).values({ name }).returning({ id: organizations.id });
  return org!.id;
}

export async function createMonitor(
  db: Db,
  organizationId: string,
  values: { name?: string; createdAt?: Date } = {},
): Promise<string> {
  const [monitor] = await db
    .insert(monitors)
    .values({
      organizationId,
      name: values.name ?? 'monitor',
      url: 'https://example.com/mcp',
      regions: ['eu-west', 'us-east', 'ap-south'],
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
    })
    .returning({ id: monitors.id });
  return monitor!.id;
}
