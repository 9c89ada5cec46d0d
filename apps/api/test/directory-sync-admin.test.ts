import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { type DirectorySyncOutcome, startDirectorySync } from '@mcpulse/engine';
import { createMemoryBackend } from '@mcpulse/queue';
import { catalogItems, type RegistryFixture, registryCatalog, startRegistryFixture } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

const TOKEN = randomBytes(32).toString('hex');
const operator = { authorization: `Bearer ${TOKEN}` };
const logger = createLogger({ name: 'directory-admin-test', level: 'silent' });

describe('operator routes of the directory sync', () => {
  let t: TestApp;
  let registry: RegistryFixture;
  const closers: Array<() => Promise<void> | void> = [];
  const synced: DirectorySyncOutcome[] = [];

  beforeAll(async () => {
    registry = await startRegistryFixture({
      items: catalogItems(
        registryCatalog([{ kind: 'remote', type: 'streamable-http', url: 'https://mcp.example.com/mcp' }], {
          bulk: 120,
        }),
      ),
    });
    const queues = createMemoryBackend({ logger });
    t = await createTestApp({ adminToken: TOKEN, queues });
    startDirectorySync(
      {
        db: t.database.handle.db,
        queues,
        settings: {
          registryUrls: [registry.url],
          syncIntervalSeconds: 21_600,
          intervalSeconds: 300,
          regions: ['eu-west'],
          optOutHosts: [],
          allowedTargetCidrs: [],
        },
        // Never the leader: only the operator's request makes it sync.
        owns: () => false,
        logger,
        onSynced: (outcome) => synced.push(outcome),
      },
      { add: (_name, close) => closers.unshift(close) },
    );
    closers.push(() => queues.close());
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    await t?.close();
    await registry?.close();
  });

  it('answers only the operator token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN.slice(1)}` }]) {
      const post = await t.app.inject({ method: 'POST', url: '/api/v1/admin/directory/sync', headers });
      expect(post.statusCode).toBe(401);
      const get = await t.app.inject({ method: 'GET', url: '/api/v1/admin/directory/registries', headers });
      expect(get.statusCode).toBe(401);
    }
    expect(registry.requests).toHaveLength(0);
  });

  it("syncs at once when the operator asks, and shows how far each registry's sync got", async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/directory/registries',
      headers: operator,
    });
    expect(before.json()).toEqual({ data: [] });

    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/directory/sync',
      headers: operator,
    });
    expect(asked.statusCode).toBe(202);
    expect(Date.parse(asked.json().requestedAt)).not.toBeNaN();
    await expect.poll(() => synced.length, { timeout: 20_000 }).toBe(1);
    expect(synced[0]!.registries[0]).toMatchObject({ ok: true, complete: true });

    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/directory/registries',
      headers: operator,
    });
    const [row] = after.json().data;
    expect(row).toMatchObject({ url: registry.url, lastSyncError: null, lastSyncSkipped: 6 });
    expect(row.lastSyncEntries).toBeGreaterThan(120);
    expect(Date.parse(row.lastFullSyncAt)).not.toBeNaN();
    expect(row).not.toHaveProperty('id');

    const monitors = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/organizations/${DIRECTORY_ORGANIZATION_ID}`,
      headers: operator,
    });
    expect(monitors.json().usage.monitors).toBeGreaterThanOrEqual(121);
  });

  it('records a registry that fails, and changes nothing', async () => {
    registry.faults.push({ kind: 'status', status: 500 });
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/directory/sync',
      headers: operator,
    });
    expect(asked.statusCode).toBe(202);
    const errorOf = async () =>
      (
        await t.app.inject({ method: 'GET', url: '/api/v1/admin/directory/registries', headers: operator })
      ).json().data[0].lastSyncError;
    await expect.poll(errorOf, { timeout: 20_000 }).toBe('the registry answered 500');
    expect(synced).toHaveLength(1);
  });
});
