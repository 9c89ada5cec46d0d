#!/usr/bin/env node
import { ConfigError, loadEnv, url } from '@mcpulse/config';
import { z } from 'zod';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

/** `npm run migrate`: applies the migrations in migrations/ to DATABASE_URL and exits. */
async function main(): Promise<void> {
  let env: { DATABASE_URL: string };
  try {
    env = loadEnv(z.object({ DATABASE_URL: url(['postgres:', 'postgresql:']) }));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 });
  try {
    await migrate(database);
    process.stdout.write('migrations applied\n');
  } finally {
    await database.close();
  }
}

await main();
