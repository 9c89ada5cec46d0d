import { computeSchemaHash } from '@mcpulse/core';
import { events, incidents, insertResults, monitorState, monitors, schemaSnapshots } from '@mcpulse/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyMinute, insertMonitor, storedResult } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const NOW = new Date('2026-11-26T12:34:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';
const READS = ['results', 'uptime', 'latency', 'incidents', 'drift', 'changes', 'releases', 'tools'];
/** Monitored since the first check at 12:00:02, down since 12:01 (the incident is still open). */
const OWN_UPTIME = 1 - 1_980_000 / 2_038_000;

let t: TestApp;
let owner: Caller;
let stranger: Caller;
let monitorId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  [owner, stranger] = [await signUpUser(t.app), await signUpUser(t.app)];
  const db = t.database.handle.db;
  monitorId = await insertMonitor(db, owner.organizationId, { name: 'Private docs' });
  await insertMonitor(db, stranger.organizationId, { name: 'Stranger’s own' });
  // Something behind every read, so that an answer leaking it would show.
  await insertResults(
    db,
    everyMinute('2026-11-26T12:00:00Z', '2026-11-26T12:30:00Z').map((slot, i) =>
      storedResult(monitorId, 'eu-west', slot, i % 3 === 0 ? 'down' : 'up', 80),
    ),
  );
  const tools = [{ name: 'secret_tool', inputSchema: { type: 'object' } }];
  const hash = computeSchemaHash(tools);
  await db.insert(schemaSnapshots).values({ monitorId, hash, tools, toolCount: 1, sizeBytes: 64 });
  await db.insert(monitorState).values({
    monitorId,
    status: 'down',
    schemaHash: hash,
    firstCheckedAt: new Date('2026-11-26T12:00:02Z'),
  });
  await db.insert(incidents).values({
    organizationId: owner.organizationId,
    monitorId,
    kind: 'down',
    startedAt: new Date('2026-11-26T12:01:00Z'),
    regions: ['eu-west'],
  });
  await db.insert(events).values({
    organizationId: owner.organizationId,
    monitorId,
    type: 'schema.drift',
    occurredAt: new Date('2026-11-26T12:02:00Z'),
    dedupeKey: `drift:${monitorId}`,
    payload: { fromHash: hash, toHash: hash },
  });
});
afterAll(async () => t?.close());

function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

describe('organisation isolation of reads', () => {
  it.each(READS)('answers %s of another organisation’s monitor exactly like a missing one', async (read) => {
    const mine = await get(`/api/v1/monitors/${monitorId}/${read}`, owner.headers);
    expect(mine.statusCode, mine.body).toBe(200);
    const theirs = await get(`/api/v1/monitors/${monitorId}/${read}`, stranger.headers);
    const missing = await get(`/api/v1/monitors/${MISSING}/${read}`, stranger.headers);
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(theirs.json()).toEqual(missing.json());
    expect(theirs.body).not.toContain(monitorId);
  });

  it('never lists another organisation’s monitor in the overview', async () => {
    const theirs = (await get('/api/v1/overview', stranger.headers)).json();
    expect(theirs.monitors.map((monitor: { name: string }) => monitor.name)).toEqual(['Stranger’s own']);
    expect(JSON.stringify(theirs)).not.toContain(monitorId);
    const mine = (await get('/api/v1/overview', owner.headers)).json();
    expect(mine.monitors).toEqual([
      expect.objectContaining({ monitorId, name: 'Private docs', status: 'down', uptime24h: OWN_UPTIME }),
    ]);
  });

  it.each([...READS.map((read) => `/api/v1/monitors/${MISSING}/${read}`), '/api/v1/overview'])(
    'requires authentication for %s',
    async (url) => {
      expect((await get(url)).statusCode).toBe(401);
    },
  );

  it('answers a malformed monitor id with 400 naming it', async () => {
    const response = await get('/api/v1/monitors/not-a-uuid/uptime', owner.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'id' });
  });
});

describe('public status', () => {
  const status = (id: string) => get(`/api/v1/public/monitors/${id}/status`);

  it('answers a private monitor exactly like a missing one, signed in or not', async () => {
    const hidden = await status(monitorId);
    const missing = await status(MISSING);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
    const asOwner = await get(`/api/v1/public/monitors/${monitorId}/status`, owner.headers);
    expect(asOwner.statusCode).toBe(404);
  });

  it('shows a public monitor without authentication, and nothing beyond the status', async () => {
    const db = t.database.handle.db;
    await db.update(monitors).set({ isPublic: true }).where(eq(monitors.id, monitorId));
    const response = await status(monitorId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      name: 'Private docs',
      status: 'down',
      since: expect.any(String),
      lastCheckedAt: null,
      uptime: { '24h': OWN_UPTIME, '30d': OWN_UPTIME, '90d': OWN_UPTIME },
    });
    expect(response.body).not.toContain('docs.example.com');
    expect(response.body).not.toContain('secret_tool');

    await db.update(monitors).set({ paused: true }).where(eq(monitors.id, monitorId));
    expect((await status(monitorId)).json()).toMatchObject({ status: 'paused' });

    await db.update(monitors).set({ isPublic: false, paused: false }).where(eq(monitors.id, monitorId));
    expect((await status(monitorId)).statusCode).toBe(404);
  });
});
