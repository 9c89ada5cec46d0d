import type { Db } from '@mcpulse/db';
import { ensureResultPartitions, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { withoutIndexes } from './bulk-load.js';
import { checkSeed } from './check-seed.js';
import { createLatencyBucketFunction } from './latency-bucket-sql.js';
import { monitorProfiles } from './monitor-profiles.js';
import { seedAccounts } from './seed-accounts.js';
import { createHourTemplates, seedHistoryHours } from './seed-history.js';
import { DAY_MS, MINUTE_MS, type SeedPlan } from './seed-plan.js';
import { seedResults } from './seed-results.js';
import { seedDayRollups, seedHourRollupsFromResults, seedMinuteRollups } from './seed-rollups.js';
import { seedUptimeHistory } from './seed-uptime-history.js';

export interface SeedStep {
  name: string;
  ms: number;
  rows: number;
}

export interface SeedFigures {
  organizationId: string;
  monitorIds: string[];
  steps: SeedStep[];
  totalMs: number;
  resultRows: number;
  rollupRows: Record<'minute' | 'hour' | 'day', number>;
  /** Raw results by status and error code. */
  mix: Array<{ status: string; errorCode: string | null; rows: number }>;
  databaseMb: number;
  latenciesBucketChecked: number;
}

/** Seeds `db` as `plan` says, step by step, timing each, then checks and vacuums it. */
export async function seedDatabase(
  db: Db,
  plan: SeedPlan,
  log: (line: string) => void,
): Promise<SeedFigures> {
  const steps: SeedStep[] = [];
  const step = async <T>(name: string, run: () => Promise<T>, rows: (value: T) => number): Promise<T> => {
    const started = performance.now();
    const value = await run();
    const ms = performance.now() - started;
    steps.push({ name, ms, rows: rows(value) });
    log(`  ${name}: ${rows(value).toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(1)} s`);
    return value;
  };
  const none = () => 0;
  const slots = { from: plan.raw.from, to: new Date(plan.raw.to.getTime() + MINUTE_MS) };

  const accounts = await step(
    'organisation, monitors, states',
    () => seedAccounts(db, monitorProfiles(plan.monitors), plan.now),
    (value) => value.monitorIds.length,
  );
  await step(
    'first checks, pauses, incidents',
    () => seedUptimeHistory(db, plan),
    (rows) => rows,
  );
  await step('partitions', () => ensureResultPartitions(db, plan.now, 7, plan.days + 1), none);
  await step('bucket function', () => createLatencyBucketFunction(db), none);
  const loaded = await withoutIndexes(db, ['probe_results', 'rollups'], async () => {
    const resultRows = await step(
      'raw results',
      () => seedResults(db, plan.raw),
      (rows) => rows,
    );
    const minute = await step(
      'minute rollups',
      () => seedMinuteRollups(db, slots),
      (rows) => rows,
    );
    const recentHours = await step(
      'hour rollups from results',
      () => seedHourRollupsFromResults(db, slots),
      (rows) => rows,
    );
    await step(
      'hour templates',
      () => createHourTemplates(db),
      (rows) => rows,
    );
    const historyHours = await step(
      'hour rollups of history',
      () => seedHistoryHours(db, plan.history),
      (rows) => rows,
    );
    const day = await step(
      'day rollups',
      () => seedDayRollups(db, { from: plan.history.from, to: new Date(slots.to.getTime() + DAY_MS) }),
      (rows) => rows,
    );
    const indexesStarted = performance.now();
    return { resultRows, minute, hour: recentHours + historyHours, day, indexesStarted };
  });
  steps.push({ name: 'keys and indexes', ms: performance.now() - loaded.indexesStarted, rows: 0 });
  log(`  keys and indexes: built in ${((performance.now() - loaded.indexesStarted) / 1000).toFixed(1)} s`);
  await db.execute(sql`drop table bench_template_checks`);
  await step('vacuum analyze', () => db.execute(sql`vacuum analyze`), none);
  const check = await step(
    'seed checks',
    () => checkSeed(db, accounts.monitorIds[0]!, plan.raw.from),
    (value) => value.latenciesBucketed,
  );

  const mix = await queryRows<{ status: string; error_code: string | null; rows: number }>(
    db,
    sql`select status, error_code, count(*)::int as rows from probe_results group by 1, 2 order by 3 desc`,
  );
  const [size] = await queryRows<{ mb: number }>(
    db,
    sql`select pg_database_size(current_database()) / 1048576.0 as mb`,
  );
  return {
    ...accounts,
    steps,
    totalMs: steps.reduce((sum, s) => sum + s.ms, 0),
    resultRows: loaded.resultRows,
    rollupRows: { minute: loaded.minute, hour: loaded.hour, day: loaded.day },
    mix: mix.map((row) => ({ status: row.status, errorCode: row.error_code, rows: row.rows })),
    databaseMb: Number(size?.mb ?? 0),
    latenciesBucketChecked: check.latenciesBucketed,
  };
}
