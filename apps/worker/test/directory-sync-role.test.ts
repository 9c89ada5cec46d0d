import { randomBytes } from 'node:crypto';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { directoryRegistries, monitors } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { catalogItems, type RegistryFixture, registryCatalog, startRegistryFixture } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, waitFor } from './support/worker-process.js';

let database: TestDatabase;
let registry: RegistryFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  registry = await startRegistryFixture({
    items: catalogItems(
      registryCatalog([{ kind: 'remote', type: 'streamable-http', url: 'https://mcp.example.com/mcp' }]),
    ),
  });
}, 60_000);
afterAll(async () => {
  await registry?.close();
  await database?.drop();
});

describe('the scheduler role', () => {
  it('syncs the directory from its registries once it leads, with the directory settings of its environment', async () => {
    const worker = spawnWorker(['scheduler'], {
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: database.url,
      MCPULSE_QUEUE_PREFIX: `dirsync-${randomBytes(4).toString('hex')}`,
      MCPULSE_HEALTH_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      MCPULSE_REGIONS: 'eu-west,us-east',
      MCPULSE_REGISTRY_URLS: `${registry.url}/`,
      MCPULSE_DIRECTORY_INTERVAL_SECONDS: '600',
    });
    try {
      const db = database.handle.db;
      const [row] = await waitFor(
        () => db.select().from(directoryRegistries),
        (rows) => rows[0]?.lastSyncFinishedAt != null,
        90_000,
        'a finished sync',
      );
      expect(row).toMatchObject({ url: registry.url, lastSyncError: null });
      // The registry's listing is stored first; its endpoints' monitors come from the reconcile after it.
      const created = await waitFor(
        () => db.select().from(monitors).where(eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID)),
        (rows) => rows.length > 0,
        30_000,
        'the directory monitors',
      );
      for (const monitor of created) {
        expect(monitor).toMatchObject({ regions: ['eu-west', 'us-east'], intervalSeconds: 600 });
      }
      expect(registry.requests[0]?.get('version')).toBe('latest');
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }
  });
});
