import { createLogger } from '@mcpulse/config';
import { monitorRegionState, monitorState } from '@mcpulse/db';
import { ingestBatch, type ProbeJob, probeJobSchema, probeQueueName } from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createMemoryBackend, type Job } from '@mcpulse/queue';
import { type FixtureServer, startV2DualEra } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const logger = createLogger({ name: 'first-check-test', level: 'silent' });
const queues = createMemoryBackend({ logger });
const jobs: Array<Job<ProbeJob>> = [];
let t: TestApp;
let owner: Caller;
let server: FixtureServer;

beforeAll(async () => {
  server = await startV2DualEra({ name: 'first-check', version: '1.0.0' });
  t = await createTestApp({ queues, regions: ['eu-west', 'us-east'] });
  owner = await signUpUser(t.app);
  for (const region of ['eu-west', 'us-east']) {
    queues.consume(probeQueueName(region), probeJobSchema, async (job) => void jobs.push(job), {
      concurrency: 5,
    });
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
  await queues.close();
  await server?.close();
});

function post(url: string, payload: object) {
  return t.app.inject({ method: 'POST', url, headers: owner.headers, payload });
}

async function waitForJobs(monitorId: string, count: number): Promise<Array<Job<ProbeJob>>> {
  for (let waited = 0; waited < 5_000; waited += 25) {
    const found = jobs.filter((job) => job.data.monitorId === monitorId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} checks enqueued for ${monitorId}`);
}

describe('a new monitor is checked at once', () => {
  it('in every region it uses, and again when it is edited or resumed', async () => {
    const before = Date.now();
    const created = await post('/api/v1/monitors', { name: 'At once', url: server.url });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ monitor: { id: string } }>().monitor;
    const first = await waitForJobs(id, 2);
    expect(first.map((job) => job.data.region).sort()).toEqual(['eu-west', 'us-east']);
    for (const job of first) {
      expect(Date.parse(job.data.slot)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(job.data.slot)).toBeLessThanOrEqual(Date.now());
      expect(job.data).toMatchObject({ url: server.url, transport: 'auto', headersSealed: null });
    }

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${id}`,
      headers: owner.headers,
      payload: { timeoutMs: 5_000 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const afterEdit = await waitForJobs(id, 4);
    expect(afterEdit.slice(2).every((job) => job.data.timeoutMs === 5_000)).toBe(true);

    expect((await post(`/api/v1/monitors/${id}/pause`, {})).statusCode).toBe(200);
    expect((await post(`/api/v1/monitors/${id}/resume`, {})).statusCode).toBe(200);
    await waitForJobs(id, 6);
  });
});

describe('the check run before saving counts', () => {
  const settings = () => ({
    url: server.url,
    transport: 'auto',
    timeoutMs: 8_000,
    degradedThresholdMs: 5_000,
  });

  it('as the first confirmation in every region, so one scheduled check confirms the status', async () => {
    const tested = await post('/api/v1/monitors/test', settings());
    expect(tested.statusCode, tested.body).toBe(200);
    const { status, firstCheckToken } = tested.json<{ status: string; firstCheckToken: string }>();
    expect(status).toBe('up');
    const created = await post('/api/v1/monitors', { name: 'Tested', ...settings(), firstCheckToken });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ monitor: { id: string } }>().monitor;
    const regions = await t.database.handle.db
      .select()
      .from(monitorRegionState)
      .where(eq(monitorRegionState.monitorId, id));
    expect(regions.map((row) => [row.region, row.consecutiveSlow, row.lastSlot]).sort()).toEqual([
      ['eu-west', -1, null],
      ['us-east', -1, null],
    ]);

    // The first scheduled check that agrees confirms it: up within seconds of saving.
    const [job] = await waitForJobs(id, 1);
    const report = await runProbe({ ...job!.data, headers: {}, allowPrivateAddresses: true });
    await ingestBatch(
      t.database.handle.db,
      [{ monitorId: id, region: job!.data.region, slot: job!.data.slot, result: report.result, tools: null }],
      new Date(),
    );
    const [state] = await t.database.handle.db
      .select()
      .from(monitorState)
      .where(eq(monitorState.monitorId, id));
    expect(state?.status).toBe('up');
  });

  it('not when the settings changed since the test, and a forged token is refused', async () => {
    const tested = await post('/api/v1/monitors/test', settings());
    const { firstCheckToken } = tested.json<{ firstCheckToken: string }>();
    const changed = await post('/api/v1/monitors', {
      name: 'Changed',
      ...settings(),
      timeoutMs: 9_000,
      firstCheckToken,
    });
    expect(changed.statusCode, changed.body).toBe(201);
    const { id } = changed.json<{ monitor: { id: string } }>().monitor;
    const credited = await t.database.handle.db
      .select()
      .from(monitorRegionState)
      .where(eq(monitorRegionState.monitorId, id));
    expect(credited).toEqual([]);

    const forged = await post('/api/v1/monitors', {
      name: 'Forged',
      ...settings(),
      firstCheckToken: `${firstCheckToken.split('.')[0]}.AAAA`,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ error: { code: 'validation_failed', field: 'firstCheckToken' } });
  });

  it('when the monitor is created with a first check of its own', async () => {
    const created = await post('/api/v1/monitors', { name: 'Probed', ...settings(), probeFirst: true });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ monitor: { id: string } }>().monitor;
    const regions = await t.database.handle.db
      .select()
      .from(monitorRegionState)
      .where(eq(monitorRegionState.monitorId, id));
    expect(regions).toHaveLength(2);
  });
});
