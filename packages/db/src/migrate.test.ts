import {
  CANARY_LIMITS,
  DIRECTORY_ORGANIZATION_ID,
  MONITOR_LIMITS,
  STORABLE_LIMITS,
} from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, queryRows } from './database.js';
import { migrate } from './migrate.js';
import { dropExpiredResults, ensureResultPartitions, listResultPartitions } from './partitions.js';
import { monitors, organizations, probeResults } from './schema/index.js';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from './testing/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`migrations on ${kind}`, () => {
    let handle: DatabaseHandle;
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
      else await handle.close();
    });

    it('creates the directory organisation, with no members', async () => {
      const rows = await queryRows<{ id: string; members: number }>(
        handle.db,
        sql`select o.id, (select count(*)::int from memberships m where m.organization_id = o.id) as members
              from organizations o where o.id = ${DIRECTORY_ORGANIZATION_ID}`,
      );
      expect(rows).toEqual([{ id: DIRECTORY_ORGANIZATION_ID, members: 0 }]);
    });

    it('creates every table', async () => {
      const rows = await queryRows<{ name: string }>(
        handle.db,
        sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'probe_results_%'`,
      );
      expect(rows.map((row) => row.name).sort()).toEqual(
        [
          'api_keys',
          'directory_audit_days',
          'directory_endpoints',
          'directory_entries',
          'directory_entry_endpoints',
          'directory_summaries',
          'directory_registries',
          'events',
          'incident_updates',
          'incidents',
          'maintenance_occurrences',
          'maintenance_windows',
          'memberships',
          'monitor_pauses',
          'monitor_region_state',
          'monitor_releases',
          'monitor_schema_snapshots',
          'monitor_state',
          'monitors',
          'oauth_authorizations',
          'organizations',
          'probe_results',
          'rollups',
          'rollups_day',
          'rollups_hour',
          'rollups_minute',
          'schema_snapshots',
          'sessions',
          'status_page_groups',
          'status_page_monitors',
          'status_pages',
          'users',
          'webhook_attempts',
          'webhook_deliveries',
          'webhook_endpoints',
        ].sort(),
      );
    });

    it('partitions rollups by granularity, so each level has statistics of its own', async () => {
      const rows = await queryRows<{ name: string; bound: string }>(
        handle.db,
        sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
            from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'rollups'::regclass order by c.relname`,
      );
      expect(rows).toEqual([
        { name: 'rollups_day', bound: "FOR VALUES IN ('day')" },
        { name: 'rollups_hour', bound: "FOR VALUES IN ('hour')" },
        { name: 'rollups_minute', bound: "FOR VALUES IN ('minute')" },
      ]);
    });

    it('holds monitor settings to the bounds core states (MONITOR_LIMITS)', async () => {
      const rows = await queryRows<{ name: string; definition: string }>(
        handle.db,
        sql`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
            where conrelid = 'monitors'::regclass and contype = 'c' order by conname`,
      );
      const bounds = Object.fromEntries(
        rows.map((row) => [row.name, (row.definition.match(/\d+/g) ?? []).map(Number)]),
      );
      expect(bounds.monitors_interval_range).toEqual([
        MONITOR_LIMITS.intervalSeconds.min,
        MONITOR_LIMITS.intervalSeconds.max,
      ]);
      expect(bounds.monitors_timeout_range).toEqual([
        MONITOR_LIMITS.timeoutMs.min,
        MONITOR_LIMITS.timeoutMs.max,
      ]);
      expect(bounds.monitors_canary_shape).toEqual([1, CANARY_LIMITS.toolNameChars]);
      // A canary without a deadline of its own reads as the minimum, so the bound appears more than once.
      expect(new Set(bounds.monitors_canary_timeout_range)).toEqual(
        new Set([CANARY_LIMITS.timeoutMs.min, CANARY_LIMITS.timeoutMs.max]),
      );
    });

    it("holds release markers to the storable boundary's bound on serverInfo strings", async () => {
      const [row] = await queryRows<{ definition: string }>(
        handle.db,
        sql`select pg_get_constraintdef(oid) as definition from pg_constraint
            where conname = 'monitor_releases_bounded'`,
      );
      const bounds = (row?.definition.match(/<= \d+/g) ?? []).map((bound) => Number(bound.slice(3)));
      expect(bounds).toEqual([
        STORABLE_LIMITS.serverFieldChars,
        STORABLE_LIMITS.serverFieldChars,
        STORABLE_LIMITS.serverFieldChars,
      ]);
    });

    it('is idempotent', async () => {
      await migrate(handle, NOW);
      await migrate(handle, NOW);
    });

    it('partitions results by day, routes rows to their day and keeps ingest idempotent', async () => {
      await ensureResultPartitions(handle.db, NOW, 2, 1);
      expect(await listResultPartitions(handle.db)).toEqual(
        expect.arrayContaining([
          'probe_results_20261125',
          'probe_results_20261126',
          'probe_results_20261128',
        ]),
      );
      const [org] = await handle.db.insert(organizations).values({ name: 'o' }).returning();
      const [monitor] = await handle.db
        .insert(monitors)
        .values({ organizationId: org!.id, name: 'm', url: 'https://example.com/mcp', regions: ['eu'] })
        .returning();
      const row = {
        monitorId: monitor!.id,
        region: 'eu',
        slot: new Date('2026-11-26T11:00:00Z'),
        checkedAt: new Date('2026-11-26T11:00:01Z'),
        status: 'up' as const,
        httpAlive: true,
        totalMs: 12.5,
      };
      const first = await handle.db.insert(probeResults).values(row).onConflictDoNothing().returning();
      const again = await handle.db.insert(probeResults).values(row).onConflictDoNothing().returning();
      expect(first).toHaveLength(1);
      expect(again).toHaveLength(0);
      const [located] = await queryRows<{ partition: string }>(
        handle.db,
        sql`select tableoid::regclass::text as partition from probe_results where monitor_id = ${monitor!.id}`,
      );
      expect(located?.partition).toBe('probe_results_20261126');

      const farFuture = { ...row, slot: new Date('2026-12-20T00:00:00Z') };
      await handle.db.insert(probeResults).values(farFuture);
      await ensureResultPartitions(handle.db, new Date('2026-12-20T00:00:00Z'), 0, 0);
      const [moved] = await queryRows<{ partition: string }>(
        handle.db,
        sql`select tableoid::regclass::text as partition from probe_results where slot = '2026-12-20T00:00:00Z'`,
      );
      expect(moved?.partition).toBe('probe_results_20261220');

      const dropped = await dropExpiredResults(handle.db, new Date('2026-12-20T00:00:00Z'), 14);
      expect(dropped).toContain('probe_results_20261126');
      const remaining = await handle.db.select().from(probeResults);
      expect(remaining.map((r) => r.slot.toISOString())).toEqual(['2026-12-20T00:00:00.000Z']);
    });

    it.runIf(kind === 'postgres')(
      'creates partitions once when several processes start together, none failing',
      async () => {
        const others = await Promise.all(
          [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: testDb!.url, poolSize: 1 })),
        );
        try {
          const at = new Date('2027-03-10T06:00:00Z');
          await Promise.all([handle, ...others].map((one) => ensureResultPartitions(one.db, at, 3, 0)));
          const made = await listResultPartitions(handle.db);
          expect(made.filter((name) => name >= 'probe_results_20270310')).toEqual([
            'probe_results_20270310',
            'probe_results_20270311',
            'probe_results_20270312',
            'probe_results_20270313',
          ]);
        } finally {
          await Promise.all(others.map((one) => one.close()));
        }
      },
    );

    it('merges sparse latency histograms', async () => {
      const [row] = await queryRows<{ merged: Record<string, number> }>(
        handle.db,
        sql`select mcpulse_histogram_add('{"3": 2, "7": 1}'::jsonb, '{"7": 4, "9": 1}'::jsonb) as merged`,
      );
      expect(row?.merged).toEqual({ '3': 2, '7': 5, '9': 1 });
    });
  });
}
