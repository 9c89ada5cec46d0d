import os from 'node:os';
import { bool, loadEnv } from '@mcpulse/config';
import { createTestDatabase } from '@mcpulse/db/testing';
import { z } from 'zod';
import { parseApiBenchArgs } from './cli-args.js';
import { dropOnSignal } from './drop-on-signal.js';
import { type IngestFigures, measureIngest } from './measure/measure-ingest.js';
import { measureReads } from './measure/measure-reads.js';
import { apiVerdicts } from './report/api-verdicts.js';
import { ingestText, readsText, seedText, verdictsText } from './report/print-api.js';
import { monitorProfiles } from './seed/monitor-profiles.js';
import { seedDatabase } from './seed/seed-database.js';
import { seedPlan } from './seed/seed-plan.js';

/**
 * `npm run bench:api`: seeds a fresh Postgres database with a week of raw
 * results and 90 days of rollups, then times the reads behind the API and
 * batched ingest. Prints figures and PASS/FAIL per target; a missed target
 * still exits 0 (a benchmark, not a test). The database is dropped at the end.
 */
// `npm run bench:api --json` hands the flag to npm, which passes it on as npm_config_json.
const env = loadEnv(z.object({ npm_config_json: bool().default(false) }));
const args = parseApiBenchArgs(process.argv.slice(2), env.npm_config_json);
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const machine = {
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  platform: `${os.platform()} ${os.release()}`,
  /** Other load on the machine skews every figure, so it is part of the record. */
  loadAverageAtStart: os.loadavg()[0] ?? 0,
  loadAverageAtEnd: 0,
};
log(
  `mcpulse API and storage bench: Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), load average ${machine.loadAverageAtStart.toFixed(2)}`,
);

const plan = seedPlan(new Date(), args.monitors, args.days, args.rollupDays);
const database = await createTestDatabase();
const disarm = dropOnSignal(database, log);
try {
  const db = database.handle.db;
  log(
    `\nSeeding ${args.monitors} monitors × 3 regions: ${args.days} days of 60 s results, ${args.rollupDays} days of rollups`,
  );
  const seed = await seedDatabase(db, plan, log);
  log(`\n${seedText(seed)}\n\nMeasuring reads...`);
  const reads = await measureReads(
    db,
    seed.organizationId,
    seed.monitorIds,
    plan.now,
    args.warmup,
    args.repetitions,
  );
  log('Measuring ingest...');
  const profiles = monitorProfiles(args.monitors);
  const ingest: IngestFigures[] = [];
  let fromMinute = plan.ingestFrom;
  for (const batchSize of [500, 1000]) {
    const run = await measureIngest(db, profiles, seed.monitorIds, fromMinute, args.ingestRows, batchSize);
    ingest.push(run.figures);
    fromMinute = run.nextMinute;
  }
  const verdicts = apiVerdicts(reads, ingest);
  machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;
  if (args.json) {
    const { monitorIds, ...seedFigures } = seed;
    console.log(JSON.stringify({ machine, args, plan, seed: seedFigures, reads, ingest, verdicts }, null, 2));
  } else {
    console.log(`\n${readsText(reads)}\n\n${ingestText(ingest)}\n\n${verdictsText(verdicts)}`);
    console.log(
      `\nload average (1 min) at start ${machine.loadAverageAtStart.toFixed(2)}, at end ${machine.loadAverageAtEnd.toFixed(2)}`,
    );
  }
} finally {
  disarm();
  await database.drop();
}
