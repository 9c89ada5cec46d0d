import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import type { ToolCanary } from '@mcpulse/core';
import { incidents, monitorState, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { runProbe } from '@mcpulse/probe';
import { createMemoryBackend } from '@mcpulse/queue';
import { CANARY_TOOLS, type FixtureServer, startV1Sessionful } from '@mcpulse/testkit';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memoryScheduleMark,
  soleLeadership,
  startIngester,
  startProber,
  startScheduler,
} from '../src/index.js';

const logger = createLogger({ name: 'canary-pipeline-test', level: 'silent' });

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

const canary = (tool: string): ToolCanary => ({
  tool,
  arguments: {},
  expect: null,
  timeoutMs: null,
  confirmedNoSideEffects: false,
});

describe("the engine with a monitor's tool-call canary", () => {
  let database: TestDatabase;
  let fixture: FixtureServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await startV1Sessionful({ tools: CANARY_TOOLS });
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  it('carries the canary from the monitor to every scheduled check, and stores the call timed', async () => {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
    const settings = { organizationId: org!.id, url: fixture.url, regions: ['local'], intervalSeconds: 30 };
    const [healthy, failing] = await db
      .insert(monitors)
      .values([
        { ...settings, name: 'healthy', canary: canary('status') },
        { ...settings, name: 'failing', canary: canary('fail') },
      ])
      .returning();
    const queues = createMemoryBackend({ logger });
    const started = Date.now();
    const fast = () => started + (Date.now() - started) * 30;
    const scheduler = startScheduler({
      db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      logger,
      now: fast,
      tickMs: 100,
      lookaheadMs: 0,
    });
    const prober = startProber({
      region: 'local',
      queues,
      secretKey: randomBytes(32),
      concurrency: 4,
      allowPrivateTargets: true,
      probe: runProbe,
      logger,
    });
    const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
    const status = (id: string) => async () =>
      (await db.select().from(monitorState).where(eq(monitorState.monitorId, id)))[0]?.status;
    try {
      await waitFor(status(healthy!.id), (value) => value === 'up', 20_000);
      await waitFor(status(failing!.id), (value) => value === 'down', 20_000);
      const [incident] = await db.select().from(incidents).where(eq(incidents.monitorId, failing!.id));
      expect(incident).toMatchObject({ kind: 'down', errorCode: 'tool_error' });
      const [failed] = await db.select().from(probeResults).where(eq(probeResults.monitorId, failing!.id));
      expect(failed).toMatchObject({ errorCode: 'tool_error', errorPhase: 'tool_call' });
      expect(failed?.errorMessage).toContain('upstream database unavailable');
      expect(failed?.toolCallMs).toBeGreaterThan(0);
      const timed = await db
        .select()
        .from(probeResults)
        .where(and(eq(probeResults.monitorId, healthy!.id), isNotNull(probeResults.toolCallMs)));
      expect(timed.length).toBeGreaterThan(0);
      const calls = fixture.requests.filter((request) => request.method === 'POST').length;
      expect(calls).toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
      await prober.stop();
      await ingester.stop();
    }
  });
});
