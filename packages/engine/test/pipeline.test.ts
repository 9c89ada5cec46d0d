import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { events, incidents, monitorState, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { DEFAULT_TOOLS, type FixtureServer, startV2ModernOnly } from '@mcpulse/testkit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFastEngine } from './support/fast-engine.js';

const logger = createLogger({ name: 'pipeline-test', level: process.env.DEBUG_LOG ? 'debug' : 'silent' });

async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const backends: Array<[string, () => QueueBackend]> = [
  ['in-process queue', () => createMemoryBackend({ logger })],
  [
    'BullMQ on Redis',
    () =>
      createBullmqBackend({
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: `mcpulse-test-${randomBytes(4).toString('hex')}`,
        logger,
      }),
  ],
];

describe.each(backends)('the engine on the %s', (_name, makeBackend) => {
  let database: TestDatabase;
  let fixture: FixtureServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await startV2ModernOnly();
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  it('schedules, probes, stores and confirms up, drift and down end to end', async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
    const [monitor] = await db
      .insert(monitors)
      .values({
        organizationId: org!.id,
        name: 'fixture',
        url: fixture.url,
        regions: ['local'],
        intervalSeconds: 30,
      })
      .returning();
    const monitorId = monitor!.id;
    const engine = startFastEngine({ db, queues: makeBackend(), secretKey: randomBytes(32), logger });
    const status = async () =>
      (await db.select().from(monitorState).where(eq(monitorState.monitorId, monitorId)))[0]?.status;
    try {
      await waitFor(status, (value) => value === 'up', 20_000);

      fixture.setTools(DEFAULT_TOOLS.slice(1));
      const drift = await waitFor(
        () => db.select().from(events).where(eq(events.type, 'schema.drift')),
        (rows) => rows.length > 0,
        20_000,
      );
      expect(drift[0]?.payload).toMatchObject({
        breaking: true,
        diff: { removed: [{ name: DEFAULT_TOOLS[0]?.name }] },
      });

      await fixture.close();
      await waitFor(status, (value) => value === 'down', 20_000);
      const [incident] = await db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
      expect(incident).toMatchObject({ kind: 'down', errorCode: 'connection_refused', endedAt: null });
    } finally {
      await engine.stop();
    }
    const duplicates = await db.execute(
      sql`select slot, count(*) as n from ${probeResults} where monitor_id = ${monitorId} group by slot having count(*) > 1`,
    );
    expect((duplicates as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  }, 90_000);
});
