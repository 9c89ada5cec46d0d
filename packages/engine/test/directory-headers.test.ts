import { createLogger } from '@mcpulse/config';
import { directoryEndpoints, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import {
  catalogItems,
  OPTED_OUT_HOST,
  type RegistryFixture,
  type RegistryTargets,
  registryCatalog,
  startRegistryFixture,
  startRegistryTargets,
} from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduledMonitors, runDirectorySync } from '../src/index.js';
import { startEnginePipeline } from './support/engine-pipeline.js';

const logger = createLogger({ name: 'directory-headers-test', level: 'silent' });
let database: TestDatabase;
let targets: RegistryTargets;
let registry: RegistryFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  targets = await startRegistryTargets();
  registry = await startRegistryFixture({ items: catalogItems(registryCatalog(targets.targets)) });
}, 60_000);
afterAll(async () => {
  await registry?.close();
  await targets?.close();
  await database?.drop();
});

describe('directory monitors', () => {
  it('are probed by the ordinary pipeline with the fixed headers their entry declares, never a secret one', async () => {
    const db = database.handle.db;
    await runDirectorySync(
      db,
      {
        registryUrls: [registry.url],
        allowedTargetCidrs: ['127.0.0.1/32'],
        optOutHosts: [OPTED_OUT_HOST],
        regions: ['local'],
        intervalSeconds: 30,
      },
      logger,
    );
    const stateless = targets.fixtures.get('v1-stateless')!;
    const [withHeaders] = await db
      .select()
      .from(directoryEndpoints)
      .where(eq(directoryEndpoints.url, `${stateless.url}?entry=headers`));
    expect(withHeaders?.headers).toEqual({ 'X-Fixture-Client': 'mcpulse-registry-fixture' });
    const jobs = await loadScheduledMonitors(db);
    expect(jobs.find((job) => job.id === withHeaders!.monitorId)?.job.publicHeaders).toEqual(
      withHeaders!.headers,
    );

    const queues = createMemoryBackend({ logger });
    const pipeline = startEnginePipeline({
      db,
      queues,
      logger,
      speed: 30,
      allowedTargetCidrs: ['127.0.0.1/32'],
    });
    try {
      const sent = () => stateless.requests.filter((request) => request.path.includes('entry=headers'));
      await expect.poll(() => sent().length, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
      expect(
        sent().every((request) => request.headers['x-fixture-client'] === 'mcpulse-registry-fixture'),
      ).toBe(true);
      const secret = () => stateless.requests.filter((request) => request.path.includes('entry=secret'));
      await expect.poll(() => secret().length, { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
      expect(secret().some((request) => request.headers.authorization !== undefined)).toBe(false);
      await expect
        .poll(
          async () =>
            (await db.select().from(probeResults).where(eq(probeResults.monitorId, withHeaders!.monitorId!)))
              .length,
          { timeout: 30_000, interval: 250 },
        )
        .toBeGreaterThan(0);
    } finally {
      await pipeline.stop();
      await queues.close();
    }
  });
});
