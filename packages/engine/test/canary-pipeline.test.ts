import { createLogger } from '@mcpulse/config';
import type { ToolCanary } from '@mcpulse/core';
import { incidents, monitorState, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import { CANARY_TOOLS, type FixtureServer, startV1Sessionful } from '@mcpulse/testkit';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePipeline } from './support/engine-pipeline.js';
import { waitUntil as waitFor } from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'canary-pipeline-test', level: 'silent' });

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
    const pipeline = startEnginePipeline({ db, queues, logger, speed: 30 });
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
      await pipeline.stop();
      await queues.close();
    }
  });
});
