import { createLogger } from '@mcpulse/config';
import { directoryEndpoints, monitors, queryRows } from '@mcpulse/db';
import { createPgliteDatabase, createTestDatabase } from '@mcpulse/db/testing';
import { runDirectorySync } from '@mcpulse/engine';
import { catalogItems, OPTED_OUT_HOST, registryCatalog, startRegistryFixture } from '@mcpulse/testkit';
import { sql } from 'drizzle-orm';
import { positiveOptions } from '../cli-options.js';

/**
 * Syncing a registry of 10,000 entries into an empty directory, then again incrementally with a
 * few changes (bench/README.md, "npm run bench:directory-sync"). Target: the first sync under 60 s.
 */
const USAGE = 'usage: bench:directory-sync [--entries N] [--pglite]';
const args = process.argv.slice(2);
const read = positiveOptions(USAGE);
const optionText = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
};
const entries = read('entries', optionText('entries'), 10_000);
const onPglite = args.includes('--pglite');
const logger = createLogger({ name: 'bench-directory-sync', level: 'silent' });
const load = async () =>
  process.platform === 'linux' ? (await import('node:os')).loadavg()[0]!.toFixed(2) : 'n/a';

console.log(`load average (1 min) at start: ${await load()}`);
const catalog = registryCatalog(
  [{ kind: 'remote', type: 'streamable-http', url: 'https://mcp.example.com/mcp' }],
  {
    bulk: entries,
    bulkOrigin: 'https://bulk.example.com',
  },
);
const registry = await startRegistryFixture({ items: catalogItems(catalog) });
const test = onPglite ? null : await createTestDatabase();
const pglite = onPglite ? await createPgliteDatabase() : null;
const db = (test?.handle ?? pglite!).db;
const settings = {
  registryUrls: [registry.url],
  allowedTargetCidrs: [],
  optOutHosts: [OPTED_OUT_HOST],
  regions: ['eu-west', 'us-east'],
  intervalSeconds: 300,
};

async function timed(label: string) {
  const requests = registry.requests.length;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = await runDirectorySync(db, settings, logger);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const registryOutcome = outcome.registries[0]!;
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ` +
      `${registry.requests.length - requests} pages, ${registryOutcome.entries} entries stored, ` +
      `${Object.values(registryOutcome.skipped).reduce((a, b) => a + (b ?? 0), 0)} skipped; ` +
      `endpoints ${outcome.reconciled?.endpoints}, monitors created ${outcome.reconciled?.created}, ` +
      `updated ${outcome.reconciled?.updated}, paused ${outcome.reconciled?.paused}`,
  );
  return ms;
}

try {
  console.log(
    `registry: ${catalog.length} servers (${entries} generated), database: ${onPglite ? 'PGlite' : 'Postgres'}`,
  );
  const first = await timed('first sync (complete listing, empty directory)');
  for (let index = 0; index < 50; index++) {
    registry.setStatus(`io.github.mcpulse-fixture/bulk-${String(index).padStart(6, '0')}`, 'deprecated');
  }
  await timed('second sync (incremental, 50 entries deprecated)');
  const [counts] = await queryRows<{ endpoints: number; monitors: number }>(
    db,
    sql`select (select count(*)::int from ${directoryEndpoints}) as endpoints,
               (select count(*)::int from ${monitors}) as monitors`,
  );
  console.log(`stored: ${counts?.endpoints} endpoints, ${counts?.monitors} monitors`);
  console.log(
    `first sync of ${entries} entries: ${(first / 1000).toFixed(2)} s — ${first < 60_000 ? 'PASS' : 'FAIL'} (target < 60 s)`,
  );
} finally {
  await registry.close();
  await test?.drop();
  await pglite?.close();
}
console.log(`load average (1 min) at end: ${await load()}`);
