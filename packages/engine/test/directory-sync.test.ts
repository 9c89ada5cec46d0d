import { createLogger } from '@mcpulse/config';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import {
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitorPauses,
  monitors,
} from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import {
  type CatalogEntry,
  catalogItems,
  OPTED_OUT_HOST,
  type RegistryFixture,
  type RegistryTargets,
  registryCatalog,
  startRegistryFixture,
  startRegistryTargets,
} from '@mcpulse/testkit';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectorySyncSettings, runDirectorySync } from '../src/index.js';

const logger = createLogger({ name: 'directory-sync-test', level: 'silent' });
const NS = 'io.github.mcpulse-fixture';
let database: TestDatabase;
let targets: RegistryTargets;
let registry: RegistryFixture;
let catalog: CatalogEntry[];

beforeAll(async () => {
  database = await createTestDatabase();
  targets = await startRegistryTargets();
  catalog = registryCatalog(targets.targets, { bulk: 250 });
  registry = await startRegistryFixture({ items: catalogItems(catalog) });
}, 60_000);
afterAll(async () => {
  await registry?.close();
  await targets?.close();
  await database?.drop();
});

function settings(overrides: Partial<DirectorySyncSettings> = {}): DirectorySyncSettings {
  return {
    registryUrls: [registry.url],
    allowedTargetCidrs: ['127.0.0.1/32'],
    optOutHosts: [OPTED_OUT_HOST],
    regions: ['eu-west', 'us-east'],
    intervalSeconds: 300,
    ...overrides,
  };
}

const db = () => database.handle.db;
const endpoints = async () =>
  new Map((await db().select().from(directoryEndpoints)).map((row) => [row.url, row]));
const monitorOf = async (monitorId: string | null) =>
  monitorId ? (await db().select().from(monitors).where(eq(monitors.id, monitorId)))[0] : undefined;
const urlOf = (kind: string) => new URL(targets.targets.find((target) => target.kind === kind)!.url).href;

describe('directory sync', () => {
  it('stores every latest entry, one endpoint per URL, and a directory monitor for each probed one', async () => {
    const outcome = await runDirectorySync(db(), settings(), logger);
    expect(outcome.registries).toHaveLength(1);
    const [synced] = outcome.registries;
    expect(synced).toMatchObject({ ok: true, complete: true });
    const invalid = catalog.filter((entry) => entry.expect.invalid).length;
    expect(Object.values(synced!.skipped).reduce((sum, n) => sum + (n ?? 0), 0)).toBe(invalid);
    // Pages of at most 100: the listing took several requests, all for the latest versions.
    expect(registry.requests.length).toBeGreaterThan(2);
    expect(registry.requests.every((query) => query.get('version') === 'latest')).toBe(true);
    expect(registry.requests.some((query) => query.has('updated_since'))).toBe(false);

    const stored = new Map((await db().select().from(directoryEntries)).map((row) => [row.name, row]));
    for (const entry of catalog) {
      if (entry.expect.invalid || entry.expect.status === 'deleted') {
        if (entry.name) expect(stored.has(entry.name), entry.name).toBe(false);
        continue;
      }
      const row = stored.get(entry.name!);
      expect(row, entry.name!).toBeDefined();
      expect(row!.status).toBe(entry.expect.status);
      for (const listed of entry.expect.listedOnly) {
        // Over the bound, the declared URL is kept cut, with a note of its length.
        const remote = row!.remotes.find((one) => listed.url.startsWith(one.url.split('…')[0]!));
        expect(remote, listed.url.slice(0, 80)).toMatchObject({
          skipReason: listed.skipReason,
          resolvedUrl: null,
        });
        expect(remote!.url.length).toBeLessThanOrEqual(2048);
      }
    }
    expect(stored.get(`${NS}/versioned`)!.version).toBe('2.0.0');
    expect(stored.get(`${NS}/long-description`)!.description!.length).toBeLessThanOrEqual(2000);
    expect(stored.get(`${NS}/remotes-not-array`)!.remotes).toEqual([]);

    const byUrl = await endpoints();
    const expected = new Map(
      catalog.flatMap((entry) => entry.expect.endpoints.map((endpoint) => [endpoint.url, endpoint])),
    );
    expect(new Set(byUrl.keys())).toEqual(new Set(expected.keys()));
    for (const [url, endpoint] of expected) {
      const row = byUrl.get(url)!;
      expect({
        url,
        skip: row.skipReason,
        auth: row.authRequirement,
        headers: row.headers,
        transport: row.transport,
      }).toEqual({
        url,
        skip: endpoint.skipReason,
        auth: endpoint.authRequirement,
        headers: endpoint.headers,
        transport: endpoint.type,
      });
      const monitor = await monitorOf(row.monitorId);
      if (endpoint.skipReason === null) {
        expect(monitor).toMatchObject({
          organizationId: DIRECTORY_ORGANIZATION_ID,
          url,
          transport: endpoint.type,
          regions: ['eu-west', 'us-east'],
          intervalSeconds: 300,
          paused: false,
        });
      } else {
        expect(monitor, url).toBeUndefined();
      }
    }

    // One URL listed by six entries (its kind, a template, a newer version, three spellings) is one endpoint.
    const shared = byUrl.get(urlOf('v1-stateless'))!;
    const links = await db()
      .select()
      .from(directoryEntryEndpoints)
      .where(eq(directoryEntryEndpoints.endpointId, shared.id));
    expect(links).toHaveLength(6);
    expect(outcome.reconciled).toMatchObject({
      endpoints: expected.size,
      created: outcome.reconciled!.probed,
    });
  });

  it('is idempotent and incremental: a second sync asks for what changed and changes nothing', async () => {
    const before = await endpoints();
    const monitorCount = (await db().select().from(monitors)).length;
    registry.requests.length = 0;
    const outcome = await runDirectorySync(db(), settings(), logger);
    // Incremental from a minute before the newest update seen: only the entries of that minute.
    expect(outcome.registries[0]).toMatchObject({ ok: true, complete: false });
    expect(outcome.registries[0]!.entries).toBeLessThanOrEqual(61);
    expect(registry.requests).toHaveLength(1);
    const newest = Math.max(...catalogItems(catalog).map((item) => Date.parse(item.updatedAt)));
    expect(Date.parse(registry.requests[0]!.get('updated_since')!)).toBe(newest - 60_000);
    expect(outcome.reconciled).toMatchObject({ created: 0, updated: 0, paused: 0, resumed: 0 });
    const after = await endpoints();
    expect(
      [...after.values()].map((row) => [row.url, row.id, row.monitorId, row.updatedAt.getTime()]),
    ).toEqual([...before.values()].map((row) => [row.url, row.id, row.monitorId, row.updatedAt.getTime()]));
    expect((await db().select().from(monitors)).length).toBe(monitorCount);
  });

  it('retires what is deleted, deprecated or moved upstream, pausing its monitor and keeping its history', async () => {
    const modern = urlOf('v2-modern-only');
    const sse = urlOf('v1-legacy-sse');
    const moved = `${urlOf('v2-dual-era')}`;
    registry.setStatus(`${NS}/kind-v2-modern-only`, 'deleted');
    registry.setStatus(`${NS}/kind-v1-legacy-sse`, 'deprecated');
    registry.publish({
      name: `${NS}/kind-v2-dual-era`,
      version: '1.1.0',
      description: 'moved',
      remotes: [{ type: 'streamable-http', url: `${moved}?moved=1` }],
    });
    const outcome = await runDirectorySync(db(), settings(), logger);
    expect(outcome.registries[0]).toMatchObject({ ok: true, complete: false });
    const byUrl = await endpoints();
    for (const url of [modern, sse, moved]) {
      const row = byUrl.get(url)!;
      expect(row.skipReason, url).toBe('retired');
      const monitor = await monitorOf(row.monitorId);
      expect(monitor?.paused, url).toBe(true);
      const pauses = await db()
        .select()
        .from(monitorPauses)
        .where(and(eq(monitorPauses.monitorId, row.monitorId!), isNull(monitorPauses.endedAt)));
      expect(pauses).toHaveLength(1);
    }
    expect(byUrl.get(`${moved}?moved=1`)).toMatchObject({ skipReason: null });
    expect(
      (
        await db()
          .select()
          .from(directoryEntries)
          .where(eq(directoryEntries.name, `${NS}/kind-v2-modern-only`))
      )[0],
    ).toMatchObject({
      status: 'deleted',
    });

    // Listed again: the same monitor resumes, its pause window closed.
    registry.setStatus(`${NS}/kind-v1-legacy-sse`, 'active');
    await runDirectorySync(db(), settings(), logger);
    const again = (await endpoints()).get(sse)!;
    expect(again.skipReason).toBeNull();
    expect(again.monitorId).toBe(byUrl.get(sse)!.monitorId);
    expect((await monitorOf(again.monitorId))?.paused).toBe(false);
    const open = await db()
      .select()
      .from(monitorPauses)
      .where(and(eq(monitorPauses.monitorId, again.monitorId!), isNull(monitorPauses.endedAt)));
    expect(open).toHaveLength(0);
  });

  it('changes nothing when the registry fails, even part-way through a listing', async () => {
    const before = await endpoints();
    const [row] = await db().select().from(directoryRegistries);
    for (const fault of [
      { kind: 'status', status: 503 },
      { kind: 'garbage' },
      { kind: 'wrong-shape' },
      { kind: 'oversize', bytes: 9 * 1024 * 1024 },
    ] as const) {
      registry.faults.push(fault);
      const outcome = await runDirectorySync(db(), settings(), logger);
      expect(outcome.registries[0]!.ok, fault.kind).toBe(false);
      expect(outcome.reconciled).toBeNull();
    }
    const [failed] = await db().select().from(directoryRegistries);
    expect(failed!.lastSyncError).toMatch(/size bound/);
    expect(failed!.updatedSince).toEqual(row!.updatedSince);

    // A complete listing that dies after its first page must not retire what it did not reach.
    registry.remove(`${NS}/kind-sdk-2024-sse`);
    registry.failAfterItems = 100;
    const partial = await runDirectorySync(db(), settings({ fullSyncEveryMs: 0 }), logger);
    expect(partial.registries[0]).toMatchObject({ ok: false, complete: true });
    expect(await endpoints()).toEqual(before);
    registry.failAfterItems = null;

    // Completed, the listing retires the entry the registry dropped outright.
    const full = await runDirectorySync(db(), settings({ fullSyncEveryMs: 0 }), logger);
    expect(full.registries[0]).toMatchObject({ ok: true, complete: true });
    expect((await endpoints()).get(urlOf('sdk-2024-sse'))!.skipReason).toBe('retired');
  });

  it('refuses loopback listings on an instance whose allow-list does not open them, and follows the opt-out list', async () => {
    const outcome = await runDirectorySync(
      db(),
      settings({ allowedTargetCidrs: [], optOutHosts: [OPTED_OUT_HOST, '127.0.0.1'] }),
      logger,
    );
    expect(outcome.reconciled!.probed).toBe(0);
    const byUrl = await endpoints();
    const stateless = byUrl.get(urlOf('v1-stateless'))!;
    expect(stateless.skipReason).toBe('blocked_address');
    expect((await monitorOf(stateless.monitorId))?.paused).toBe(true);
    expect(byUrl.get(`https://${OPTED_OUT_HOST}/mcp`)!.skipReason).toBe('opted_out');

    const reopened = await runDirectorySync(
      db(),
      settings({ optOutHosts: [OPTED_OUT_HOST, '127.0.0.1'] }),
      logger,
    );
    expect(reopened.reconciled!.probed).toBe(0);
    expect((await endpoints()).get(urlOf('v1-stateless'))!.skipReason).toBe('opted_out');

    const back = await runDirectorySync(
      db(),
      settings({ regions: ['ap-south'], intervalSeconds: 600 }),
      logger,
    );
    expect(back.reconciled!.resumed).toBe(back.reconciled!.probed);
    const monitor = await monitorOf((await endpoints()).get(urlOf('v1-stateless'))!.monitorId);
    expect(monitor).toMatchObject({ paused: false, regions: ['ap-south'], intervalSeconds: 600 });
  });

  it('runs nothing without a registry, and leaves directory rows as they are', async () => {
    const before = await endpoints();
    const requests = registry.requests.length;
    const outcome = await runDirectorySync(db(), settings({ registryUrls: [] }), logger);
    expect(outcome).toEqual({ registries: [], reconciled: null });
    expect(registry.requests.length).toBe(requests);
    expect(await endpoints()).toEqual(before);
  });
});
