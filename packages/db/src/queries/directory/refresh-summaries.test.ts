import { DIRECTORY_LIST_SERVERS, DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../database.js';
import { type DirectoryListQuery, listDirectory } from '../../reads/directory-list.js';
import { directoryServer } from '../../reads/directory-server.js';
import { monitorsOverview } from '../../reads/monitors-overview.js';
import { uptimeWindows } from '../../reads/uptime-windows.js';
import { insertResults } from '../../results/insert-results.js';
import {
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  directorySummaries,
  events,
  incidents,
  monitorRegionState,
  monitorState,
  monitors,
  schemaSnapshots,
} from '../../schema/index.js';
import { createMonitor, DATABASE_KINDS, useDatabase } from '../../test-support/database-kinds.js';
import { minutes, resultRow } from '../../test-support/result-rows.js';
import { refreshDirectorySummaries } from './refresh-summaries.js';

const NOW = new Date('2026-11-26T12:34:00Z');

async function seedEndpoint(
  db: Db,
  url: string,
  values: Partial<typeof directoryEndpoints.$inferInsert> = {},
): Promise<string> {
  const [row] = await db
    .insert(directoryEndpoints)
    .values({ url, host: new URL(url).host, transport: 'streamable-http', ...values })
    .returning({ id: directoryEndpoints.id });
  return row!.id;
}

for (const kind of DATABASE_KINDS) {
  describe(`directory summaries on ${kind}`, () => {
    const db = useDatabase(kind);
    let registryId: string;
    let probed: string;
    let probedMonitor: string;
    const entry = async (name: string, status: 'active' | 'deprecated' | 'deleted', title: string | null) => {
      const [row] = await db()
        .insert(directoryEntries)
        .values({ registryId, name, version: '1.0.0', status, title })
        .returning({ id: directoryEntries.id });
      return row!.id;
    };
    const link = (entryId: string, endpointId: string) =>
      db().insert(directoryEntryEndpoints).values({ entryId, endpointId });

    beforeAll(async () => {
      const [registry] = await db()
        .insert(directoryRegistries)
        .values({ url: 'https://registry.example' })
        .returning({ id: directoryRegistries.id });
      registryId = registry!.id;
      probedMonitor = await createMonitor(db(), DIRECTORY_ORGANIZATION_ID, { name: 'weather' });
      probed = await seedEndpoint(db(), 'https://weather.example/mcp', {
        monitorId: probedMonitor,
        authRequirement: 'secret_header',
      });
      const weather = await entry('io.example/weather', 'active', 'Weather <b>now</b>');
      const old = await entry('io.example/old-weather', 'deprecated', 'Old 100%_weather');
      await link(weather, probed);
      await link(old, probed);
      for (let i = 0; i < DIRECTORY_LIST_SERVERS + 3; i++)
        await link(await entry(`io.many/s${i}`, 'active', null), probed);

      await insertResults(db(), [
        ...minutes('2026-11-26T11:00:00Z', '2026-11-26T12:30:00Z').map((slot, i) =>
          resultRow(probedMonitor, 'eu-west', slot, 'up', 100 + i),
        ),
        resultRow(probedMonitor, 'eu-west', '2026-11-26T12:33:00Z', 'down'),
      ]);
      await db()
        .insert(monitorState)
        .values({
          monitorId: probedMonitor,
          status: 'up',
          since: new Date('2026-11-26T11:02:00Z'),
          lastCheckedAt: new Date('2026-11-26T12:33:01.500Z'),
          firstCheckedAt: new Date('2026-11-26T11:00:01Z'),
          schemaHash: 'h1',
          protocolTracking: {
            confirmed: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
            candidate: null,
            seen: 0,
            candidateSince: null,
          },
        });
      await db()
        .insert(monitorRegionState)
        .values([
          {
            monitorId: probedMonitor,
            region: 'eu-west',
            lastSlot: new Date('2026-11-26T12:33:00Z'),
            lastErrorCode: 'connection_refused',
          },
          {
            monitorId: probedMonitor,
            region: 'us-east',
            lastSlot: new Date('2026-11-26T12:32:00Z'),
            lastErrorCode: null,
          },
        ]);
      await db()
        .insert(schemaSnapshots)
        .values({ monitorId: probedMonitor, hash: 'h1', tools: [], toolCount: 7, sizeBytes: 2 });
      await db()
        .insert(incidents)
        .values({
          organizationId: DIRECTORY_ORGANIZATION_ID,
          monitorId: probedMonitor,
          kind: 'down',
          startedAt: new Date('2026-11-26T11:40:00Z'),
          endedAt: new Date('2026-11-26T11:49:00Z'),
          regions: ['eu-west'],
        });
      await db()
        .insert(events)
        .values({
          organizationId: DIRECTORY_ORGANIZATION_ID,
          monitorId: probedMonitor,
          type: 'schema.drift',
          occurredAt: new Date('2026-11-26T12:10:00Z'),
          dedupeKey: 'drift-1',
          payload: { toHash: 'h1' },
        });

      const pending = await seedEndpoint(db(), 'https://pending.example/sse', { transport: 'sse' });
      await link(await entry('io.example/pending', 'active', 'Pending'), pending);
      const blockedMonitor = await createMonitor(db(), DIRECTORY_ORGANIZATION_ID, { name: 'blocked' });
      await db().update(monitors).set({ paused: true }).where(eq(monitors.id, blockedMonitor));
      const blocked = await seedEndpoint(db(), 'http://10.0.0.1/mcp', {
        monitorId: blockedMonitor,
        skipReason: 'blocked_address',
      });
      await link(await entry('io.example/blocked', 'active', null), blocked);
      await seedEndpoint(db(), 'https://gone.example/mcp', { skipReason: 'retired' });
      const optedOut = await seedEndpoint(db(), 'https://private.example/mcp', { skipReason: 'opted_out' });
      await link(await entry('io.example/opted', 'active', null), optedOut);
    });

    it('writes one row per listed endpoint with uptime, p95, protocol, tools and the latest error', async () => {
      expect(await refreshDirectorySummaries(db(), NOW)).toEqual({ endpoints: 3 });
      const rows = await db().select().from(directorySummaries);
      expect(rows.map((row) => row.url).sort()).toEqual([
        'http://10.0.0.1/mcp',
        'https://pending.example/sse',
        'https://weather.example/mcp',
      ]);
      const row = rows.find((one) => one.endpointId === probed)!;
      const { windows } = await uptimeWindows(db(), probedMonitor, NOW);
      const [overview] = (await monitorsOverview(db(), DIRECTORY_ORGANIZATION_ID, NOW)).filter(
        (one) => one.monitorId === probedMonitor,
      );
      // The one uptime definition: the same figure the monitor page shows.
      expect(row.uptime30d).toBe(windows['30d'].uptime);
      expect(row.uptime30d).toBeLessThan(1);
      expect(row.p95Ms).toBe(Math.round(overview!.p95Ms24h!));
      expect(row).toMatchObject({
        state: 'up',
        errorCode: 'connection_refused',
        era: 'modern',
        protocolVersion: '2026-07-28',
        transport: 'streamable-http',
        authRequirement: 'secret_header',
        toolCount: 7,
        lastSchemaChangeAt: new Date('2026-11-26T12:10:00Z'),
        name: 'io.example/weather',
      });
      expect(row.servers).toHaveLength(DIRECTORY_LIST_SERVERS);
      expect(row.servers[0]).toEqual({ name: 'io.example/weather', title: 'Weather <b>now</b>' });
      // The deprecated entry goes after every active one, so past the bound it is cut.
      expect(row.servers.map((server) => server.name)).not.toContain('io.example/old-weather');

      const byUrl = new Map(rows.map((one) => [one.url, one]));
      expect(byUrl.get('https://pending.example/sse')).toMatchObject({
        state: 'pending',
        transport: 'sse',
        uptime30d: null,
        p95Ms: null,
        toolCount: null,
      });
      expect(byUrl.get('http://10.0.0.1/mcp')).toMatchObject({
        state: 'paused',
        skipReason: 'blocked_address',
      });
    });

    it('drops the rows of endpoints that are retired since, and is idempotent', async () => {
      await refreshDirectorySummaries(db(), NOW);
      await db()
        .update(directoryEndpoints)
        .set({ skipReason: 'retired' })
        .where(eq(directoryEndpoints.url, 'https://pending.example/sse'));
      expect(await refreshDirectorySummaries(db(), NOW)).toEqual({ endpoints: 2 });
      const urls = (await db().select({ url: directorySummaries.url }).from(directorySummaries)).map(
        (r) => r.url,
      );
      expect(urls.sort()).toEqual(['http://10.0.0.1/mcp', 'https://weather.example/mcp']);
    });

    it('lists with literal search, filters, sorting with nulls last, and pages', async () => {
      await db()
        .update(directoryEndpoints)
        .set({ skipReason: null })
        .where(eq(directoryEndpoints.url, 'https://pending.example/sse'));
      await refreshDirectorySummaries(db(), NOW);
      const base: DirectoryListQuery = { sort: 'name', order: 'asc', page: 1, limit: 50 };
      const names = async (query: Partial<DirectoryListQuery>) =>
        (await listDirectory(db(), { ...base, ...query })).items.map((item) => item.url);

      expect(await names({})).toEqual([
        'http://10.0.0.1/mcp',
        'https://pending.example/sse',
        'https://weather.example/mcp',
      ]);
      expect(await names({ q: 'WEATHER' })).toEqual(['https://weather.example/mcp']);
      // `%` and `_` are characters to find, not patterns: only the title holding them matches.
      expect(await names({ q: '%_' })).toEqual([]);
      expect(await names({ q: 'now</b>' })).toEqual(['https://weather.example/mcp']);
      expect(await names({ state: 'pending' })).toEqual(['https://pending.example/sse']);
      expect(await names({ era: 'modern' })).toEqual(['https://weather.example/mcp']);
      expect(await names({ era: 'none' })).toHaveLength(2);
      expect(await names({ auth: 'secret_header' })).toEqual(['https://weather.example/mcp']);
      expect(await names({ errorCode: 'connection_refused' })).toEqual(['https://weather.example/mcp']);
      expect(await names({ errorCode: 'none' })).toHaveLength(2);
      expect(await names({ sort: 'tools', order: 'desc' })).toEqual([
        'https://weather.example/mcp',
        'http://10.0.0.1/mcp',
        'https://pending.example/sse',
      ]);
      expect(await names({ sort: 'state' })).toEqual([
        'https://weather.example/mcp',
        'https://pending.example/sse',
        'http://10.0.0.1/mcp',
      ]);
      const second = await listDirectory(db(), { ...base, page: 2, limit: 2 });
      expect(second.total).toBe(3);
      expect(second.items.map((item) => item.url)).toEqual(['https://weather.example/mcp']);
      expect(second.refreshedAt).toEqual(NOW);
    });

    it("reads a server's entries and endpoints, leaving opted-out hosts out", async () => {
      const weather = await directoryServer(db(), 'io.example/weather');
      expect(weather?.entries.map((one) => [one.name, one.status, one.registryUrl])).toEqual([
        ['io.example/weather', 'active', 'https://registry.example'],
      ]);
      expect(weather?.endpoints.map((one) => [one.url, one.monitorId])).toEqual([
        ['https://weather.example/mcp', probedMonitor],
      ]);
      const opted = await directoryServer(db(), 'io.example/opted');
      expect(opted?.endpoints).toEqual([]);
      expect(await directoryServer(db(), 'io.example/nothing')).toBeNull();
    });
  });
}
