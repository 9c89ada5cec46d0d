import { createLogger } from '@mcpulse/config';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { catalogItems, type RegistryFixture, registryCatalog, startRegistryFixture } from '@mcpulse/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DirectorySyncOutcome, requestDirectorySync, startDirectorySync } from '../src/index.js';

const logger = createLogger({ name: 'directory-sync-loop-test', level: 'silent' });
let database: TestDatabase;
let registry: RegistryFixture;
let queues: QueueBackend;
let closers: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  registry = await startRegistryFixture({
    items: catalogItems(registryCatalog([{ kind: 'one', type: 'sse', url: 'https://sse.example.com/sse' }])),
  });
}, 60_000);
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
  await queues?.close();
});
afterAll(async () => {
  await registry?.close();
  await database?.drop();
});

function start(leads: { now: boolean }, registryUrls = [registry.url], syncIntervalSeconds = 21_600) {
  queues = createMemoryBackend({ logger });
  const synced: DirectorySyncOutcome[] = [];
  const loop = startDirectorySync(
    {
      db: database.handle.db,
      queues,
      settings: {
        registryUrls,
        syncIntervalSeconds,
        intervalSeconds: 300,
        regions: ['local'],
        optOutHosts: [],
        allowedTargetCidrs: [],
      },
      owns: () => leads.now,
      logger,
      onSynced: (outcome) => synced.push(outcome),
    },
    { add: (_name, close) => closers.unshift(close) },
  );
  return { loop, synced };
}

describe('the directory sync loop', () => {
  it('syncs at start-up once it leads, and not again before its interval', async () => {
    const leads = { now: false };
    const { synced } = start(leads);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(registry.requests).toHaveLength(0);
    leads.now = true;
    await expect.poll(() => synced.length, { timeout: 15_000 }).toBe(1);
    const requests = registry.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(registry.requests.length).toBe(requests);
    expect(synced).toHaveLength(1);
  });

  it('takes an operator request while standing by, and runs one more sync for requests made during one', async () => {
    const { loop, synced } = start({ now: false });
    await requestDirectorySync(queues, new Date());
    await expect.poll(() => synced.length, { timeout: 15_000 }).toBe(1);
    const [a, b, c] = [loop.runNow(), loop.runNow(), loop.runNow()];
    await Promise.all([a, b, c]);
    // The first ran at once; the two asked meanwhile share the one run after it.
    expect(synced).toHaveLength(3);
    expect(await b).toBe(await c);
  });

  it('runs nothing at all without a registry: no sync, no request taken', async () => {
    const before = registry.requests.length;
    const { loop, synced } = start({ now: true }, []);
    await requestDirectorySync(queues, new Date());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await loop.runNow()).toEqual({ registries: [], reconciled: null });
    expect(registry.requests.length).toBe(before);
    expect(synced).toHaveLength(0);
    expect((await queues.depth('directory-sync')).waiting).toBe(1);
  });
});
