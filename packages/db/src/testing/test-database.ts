import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv, url } from '@mcpulse/config';
import pg from 'pg';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../database.js';
import { MIGRATIONS_FOLDER, migrate } from '../migrate.js';

const env = loadEnv(
  z.object({
    MCPULSE_TEST_DATABASE_URL: url(['postgres:', 'postgresql:']).default(
      'postgres://postgres@127.0.0.1:5432/test',
    ),
  }),
);

export interface TestDatabase {
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

function withDatabase(adminUrl: string, name: string): string {
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env.MCPULSE_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Migrates a template database once per migration set; test databases are cheap copies of it. */
async function ensureTemplate(): Promise<string> {
  const template = `mcpulse_template_${migrationsFingerprint()}`;
  await admin(async (client) => {
    await client.query('select pg_advisory_lock(8246001)');
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await client.query(`drop database if exists "${building}"`);
      await client.query(`create database "${building}"`);
      const handle = await openDatabase({
        kind: 'postgres',
        url: withDatabase(env.MCPULSE_TEST_DATABASE_URL, building),
        poolSize: 1,
      });
      try {
        await migrate(handle);
      } finally {
        await handle.close();
      }
      await client.query(`alter database "${building}" rename to "${template}"`);
    } finally {
      await client.query('select pg_advisory_unlock(8246001)');
    }
  });
  return template;
}

/** A fresh, migrated Postgres database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `mcpulse_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}" template "${template}"`));
  const databaseUrl = withDatabase(env.MCPULSE_TEST_DATABASE_URL, name);
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 5 });
  return {
    url: databaseUrl,
    handle,
    async drop() {
      await handle.close();
      await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** A fresh in-memory PGlite database with the same migrations, for the embedded-mode runs. */
export async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrate(handle);
  return handle;
}
