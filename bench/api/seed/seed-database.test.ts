import { addToHistogram, type LatencyHistogram, percentile } from '@mcpulse/core';
import { latencyWindows, monitorsOverview, queryRows, uptimeWindows } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedFigures, seedDatabase } from './seed-database.js';
import { seedPlan } from './seed-plan.js';

const plan = seedPlan(new Date('2026-11-26T12:34:56Z'), 4, 1, 3);

describe('seedDatabase on a small scale', () => {
  let database: TestDatabase;
  let seed: SeedFigures;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    seed = await seedDatabase(db(), plan, () => {});
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('writes one result per monitor, region and minute of the raw range', () => {
    const minutes = (plan.raw.to.getTime() - plan.raw.from.getTime()) / 60_000;
    expect(seed.resultRows).toBe(4 * 3 * minutes);
    expect(seed.mix.filter((row) => row.status === 'down' && row.errorCode === null)).toEqual([]);
  });

  it('gives the windows the check counts and p95 that the raw results of the last 24 hours give', async () => {
    const monitorId = seed.monitorIds[1]!;
    const rows = await queryRows<{ status: string; total_ms: number }>(
      db(),
      sql`select status, total_ms::float8 as total_ms from probe_results
          where monitor_id = ${monitorId}::uuid
            and date_trunc('minute', slot) >= ${new Date(plan.now.getTime() - 86_400_000).toISOString()}::timestamptz`,
    );
    const answered = rows.filter((row) => row.status !== 'down');
    const histogram: LatencyHistogram = {};
    for (const row of answered) addToHistogram(histogram, row.total_ms);

    const uptime = await uptimeWindows(db(), monitorId, plan.now);
    const latency = await latencyWindows(db(), monitorId, plan.now);
    expect(uptime.windows['24h'].checks.total).toBe(rows.length);
    expect(uptime.windows['24h'].checks.down).toBe(rows.length - answered.length);
    expect(latency['24h'].overall.checks).toBe(answered.length);
    expect(latency['24h'].overall.p95).toBe(percentile(histogram, 0.95));
    expect(uptime.windows['90d'].checks.total).toBeGreaterThan(uptime.windows['24h'].checks.total);
  });

  it('gives every monitor a first check, a pause and an incident a day, which the list reads', async () => {
    expect(seed.steps.find((step) => step.name === 'first checks, pauses, incidents')?.rows).toBe(4 * 3);
    const listed = await monitorsOverview(db(), seed.organizationId, plan.now);
    expect(listed).toHaveLength(4);
    for (const monitor of listed) {
      expect(monitor.uptime30d).not.toBeNull();
      expect(monitor.uptime30d).toBeLessThanOrEqual(1);
    }
  });

  it('puts back the keys and indexes it dropped for the bulk load', async () => {
    const names = await queryRows<{ name: string }>(
      db(),
      sql`select conname as name from pg_constraint
          where conrelid in ('probe_results'::regclass, 'rollups'::regclass)
          union all select indexname from pg_indexes where tablename in ('probe_results', 'rollups')
          order by 1`,
    );
    expect(names.map((row) => row.name)).toEqual([
      'probe_results_monitor_id_monitors_id_fk',
      'probe_results_monitor_id_region_slot_pk',
      'probe_results_monitor_id_region_slot_pk',
      'probe_results_monitor_slot_idx',
      'rollups_monitor_id_granularity_region_bucket_start_pk',
      'rollups_monitor_id_granularity_region_bucket_start_pk',
      'rollups_monitor_id_monitors_id_fk',
    ]);
  });
});
