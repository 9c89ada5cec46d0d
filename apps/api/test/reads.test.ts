import { computeSchemaHash, histogramBucket, type Tool } from '@mcpulse/core';
import {
  events,
  incidents,
  insertResults,
  monitorState,
  resultRowFrom,
  schemaSnapshots,
  skippedRowFrom,
} from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import { type FixtureServer, startV2ModernOnly } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyMinute, insertMonitor, storedResult } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

/** Neither hour- nor day-aligned: the windows cut through hours and days. */
const NOW = new Date('2026-11-26T12:34:00Z');

let t: TestApp;
let owner: Caller;
let monitorId: string;
let fixture: FixtureServer;

const SKIP_REASON =
  "picked up 127 s after its slot, more than the 60 s interval: the region's worker was down or behind";

/**
 * The last hour, every minute in two regions: eu-west down 11:40–11:45 (6),
 * degraded at 12:00 and 12:01 (1500 ms), otherwise up at 50 ms; us-east up at
 * 100 ms throughout. One more eu-west failure yesterday at 09:00, outside 24 h.
 * Three us-east re-checks at 12:10:30–12:12:30 were skipped: stored, and
 * counted in no figure.
 */
function seed(id: string) {
  const rows = everyMinute('2026-11-26T11:34:00Z', '2026-11-26T12:34:00Z').flatMap((slot) => {
    const minute = slot.toISOString().slice(11, 16);
    const eu =
      minute >= '11:40' && minute <= '11:45'
        ? storedResult(id, 'eu-west', slot, 'down', 10_000)
        : minute === '12:00' || minute === '12:01'
          ? storedResult(id, 'eu-west', slot, 'degraded', 1500)
          : storedResult(id, 'eu-west', slot, 'up', 50);
    return [eu, storedResult(id, 'us-east', slot, 'up', 100)];
  });
  rows.push(storedResult(id, 'eu-west', new Date('2026-11-25T09:00:00Z'), 'down', 10_000));
  for (const slot of ['2026-11-26T12:10:30Z', '2026-11-26T12:11:30Z', '2026-11-26T12:12:30Z']) {
    const at = new Date(slot);
    rows.push(
      skippedRowFrom(id, 'us-east', at, { reason: SKIP_REASON, decidedAt: new Date(at.getTime() + 127_000) }),
    );
  }
  return rows;
}

beforeAll(async () => {
  fixture = await startV2ModernOnly();
  t = await createTestApp({ now: () => NOW });
  owner = await signUpUser(t.app);
  monitorId = await insertMonitor(t.database.handle.db, owner.organizationId, { name: 'Docs server' });
  await insertResults(t.database.handle.db, seed(monitorId));
});
afterAll(async () => {
  await t?.close();
  await fixture?.close();
});

function get(url: string, caller: Caller = owner) {
  return t.app.inject({ method: 'GET', url, headers: caller.headers });
}

function near(value: number | null, expected: number) {
  expect(value).not.toBeNull();
  expect(Math.abs(value! - expected) / expected).toBeLessThanOrEqual(0.05);
}

describe('uptime and latency', () => {
  it('answers the checks of each window, overall and per region, counted by hand', async () => {
    const response = await get(`/api/v1/monitors/${monitorId}/uptime`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.asOf).toBe('2026-11-26T12:34:00.000Z');
    const lastHour = {
      checks: { total: 120, up: 112, degraded: 2, down: 6 },
      regionChecks: {
        'eu-west': { total: 60, up: 52, degraded: 2, down: 6 },
        'us-east': { total: 60, up: 60, degraded: 0, down: 0 },
      },
    };
    expect(body.windows['1h']).toMatchObject(lastHour);
    expect(body.windows['24h']).toMatchObject(lastHour);
    for (const window of ['7d', '30d', '90d']) {
      expect(body.windows[window].checks).toEqual({ total: 121, up: 112, degraded: 2, down: 7 });
      expect(body.windows[window].regionChecks['eu-west']).toMatchObject({ total: 61, down: 7 });
    }
    // No first check was recorded for this monitor: its checks are counted, but uptime has no data.
    expect(body.windows['24h']).toMatchObject({ uptime: null, monitoredMs: 0 });
    expect(body.days).toHaveLength(90);
  });

  it('answers latency percentiles from answered checks only, within the histogram error', async () => {
    const response = await get(`/api/v1/monitors/${monitorId}/latency`);
    expect(response.statusCode, response.body).toBe(200);
    const { windows } = response.json();
    // Answered in the hour: 52 × 50 ms and 2 × 1500 ms in eu-west, 60 × 100 ms in us-east.
    const hour = windows['1h'];
    expect(hour.overall.checks).toBe(114);
    near(hour.overall.p50, 100);
    near(hour.overall.p95, 100);
    near(hour.overall.p99, 1500);
    expect(hour.regions['eu-west'].checks).toBe(54);
    near(hour.regions['eu-west'].p50, 50);
    near(hour.regions['eu-west'].p95, 50);
    near(hour.regions['eu-west'].p99, 1500);
    expect(hour.regions['us-east']).toMatchObject({ checks: 60 });
    near(hour.regions['us-east'].p99, 100);
    // The 10 s of the down checks never enter the histogram.
    expect(windows['90d'].overall.p99).toBeLessThan(2000);
    expect(histogramBucket(windows['90d'].regions['us-east'].p50)).toBe(histogramBucket(100));
  });
});

describe('results', () => {
  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await get(`/api/v1/monitors/${monitorId}/results?limit=${limit}${query}${after}`);
      expect(response.statusCode, response.body).toBe(200);
      const page: { items: Array<{ slot: string; region: string }>; nextCursor: string | null } =
        response.json();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => `${item.slot} ${item.region}`));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  function expected(keep: (row: ReturnType<typeof storedResult>) => boolean): string[] {
    return seed(monitorId)
      .filter(keep)
      .sort((a, b) => b.slot.getTime() - a.slot.getTime() || a.region.localeCompare(b.region))
      .map((row) => `${row.slot.toISOString()} ${row.region}`);
  }

  it('walks every result exactly once, newest first, page after page', async () => {
    const all = await walk('', 7);
    expect(all).toHaveLength(124);
    expect(new Set(all).size).toBe(124);
    expect(all).toEqual(expected(() => true));
    const firstPage = await get(`/api/v1/monitors/${monitorId}/results`);
    expect(firstPage.json().items).toHaveLength(100);
  });

  it.each([
    ['&region=us-east', (row: ReturnType<typeof storedResult>) => row.region === 'us-east'],
    ['&status=down', (row: ReturnType<typeof storedResult>) => row.status === 'down'],
    ['&status=skipped', (row: ReturnType<typeof storedResult>) => row.status === 'skipped'],
    ['&errorCode=timeout', (row: ReturnType<typeof storedResult>) => row.errorCode === 'timeout'],
    ['&status=degraded&region=eu-west', (row: ReturnType<typeof storedResult>) => row.status === 'degraded'],
    [
      '&from=2026-11-26T12:00:00Z&to=2026-11-26T12:10:00%2B00:00',
      (row: ReturnType<typeof storedResult>) =>
        row.slot >= new Date('2026-11-26T12:00:00Z') && row.slot < new Date('2026-11-26T12:10:00Z'),
    ],
    ['&errorCode=tls_error', () => false],
  ])('filters with %s', async (query, keep) => {
    const filtered = expected(keep);
    expect(await walk(query, 4)).toEqual(filtered);
  });

  it('returns each result in the shape of a probe result', async () => {
    const response = await get(`/api/v1/monitors/${monitorId}/results?status=down&limit=1`);
    expect(response.json().items[0]).toEqual({
      region: 'eu-west',
      slot: '2026-11-26T11:45:00.000Z',
      checkedAt: '2026-11-26T11:45:02.000Z',
      status: 'down',
      skipReason: null,
      error: {
        code: 'timeout',
        message: 'no answer within 10000 ms',
        phase: 'handshake',
        httpStatus: null,
        rpcCode: null,
      },
      httpAlive: false,
      transport: 'streamable-http',
      era: null,
      protocolVersion: null,
      serverInfo: null,
      capabilities: null,
      toolCount: null,
      schemaHash: null,
      timings: {
        dnsMs: 0.5,
        connectMs: 1,
        tlsMs: null,
        negotiationMs: null,
        handshakeMs: null,
        toolsListMs: null,
        toolCallMs: null,
        otherMs: 9998.5,
        totalMs: 10_000,
      },
      auth: null,
    });
  });

  it('lists a skipped slot with its reason and no check figures', async () => {
    const response = await get(`/api/v1/monitors/${monitorId}/results?status=skipped&limit=1`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items[0]).toMatchObject({
      region: 'us-east',
      slot: '2026-11-26T12:12:30.000Z',
      checkedAt: '2026-11-26T12:14:37.000Z',
      status: 'skipped',
      skipReason: SKIP_REASON,
      error: null,
      httpAlive: false,
      timings: { totalMs: 0 },
    });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['status=paused', 'status'],
    ['errorCode=oops', 'errorCode'],
    ['from=yesterday', 'from'],
    ['from=2026-11-26T12:00:00Z&to=2026-11-26T12:00:00Z', 'from'],
    [`cursor=${Buffer.from('["not","ours"]').toString('base64url')}`, 'cursor'],
    ['cursor=%25%25%25', 'cursor'],
  ])('answers ?%s with 400 naming %s', async (query, field) => {
    const response = await get(`/api/v1/monitors/${monitorId}/results?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field });
  });
});

describe('incidents, drift and tools', () => {
  it('pages incidents newest first', async () => {
    const db = t.database.handle.db;
    const starts = ['2026-11-20T10:00:00Z', '2026-11-25T09:00:00Z', '2026-11-26T11:40:00Z'];
    for (const start of starts) {
      await db.insert(incidents).values({
        organizationId: owner.organizationId,
        monitorId,
        kind: 'down',
        startedAt: new Date(start),
        endedAt: start.startsWith('2026-11-26') ? new Date('2026-11-26T11:47:00Z') : null,
        errorCode: 'timeout',
        errorMessage: 'no answer within 10000 ms',
        regions: ['eu-west'],
      });
    }
    const first = (await get(`/api/v1/monitors/${monitorId}/incidents?limit=2`)).json();
    expect(first.items.map((item: { startedAt: string }) => item.startedAt)).toEqual([
      '2026-11-26T11:40:00.000Z',
      '2026-11-25T09:00:00.000Z',
    ]);
    expect(first.items[0]).toMatchObject({
      kind: 'down',
      endedAt: '2026-11-26T11:47:00.000Z',
      regions: ['eu-west'],
    });
    const second = (
      await get(
        `/api/v1/monitors/${monitorId}/incidents?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json();
    expect(second.items.map((item: { startedAt: string }) => item.startedAt)).toEqual([
      '2026-11-20T10:00:00.000Z',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists drift with the diff between snapshots, and the confirmed tools since the drift', async () => {
    const db = t.database.handle.db;
    expect((await get(`/api/v1/monitors/${monitorId}/tools`)).json()).toEqual({ snapshot: null });
    expect((await get(`/api/v1/monitors/${monitorId}/drift`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });

    const before: Tool[] = [
      { name: 'search', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
    ];
    const after: Tool[] = [
      {
        name: 'search',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    ];
    const [from, to] = [computeSchemaHash(before), computeSchemaHash(after)];
    await db.insert(schemaSnapshots).values([
      { monitorId, hash: from, tools: before, toolCount: 1, sizeBytes: 64 },
      { monitorId, hash: to, tools: after, toolCount: 1, sizeBytes: 64 },
    ]);
    await db.insert(events).values({
      organizationId: owner.organizationId,
      monitorId,
      type: 'schema.drift',
      occurredAt: new Date('2026-11-26T10:00:00Z'),
      dedupeKey: `drift:${monitorId}:${to}`,
      payload: { fromHash: from, toHash: to },
    });
    await db.insert(monitorState).values({ monitorId, status: 'up', schemaHash: to });

    const drift = await get(`/api/v1/monitors/${monitorId}/drift`);
    expect(drift.statusCode, drift.body).toBe(200);
    expect(drift.json().nextCursor).toBeNull();
    expect(drift.json().items).toEqual([
      {
        id: expect.any(String),
        occurredAt: '2026-11-26T10:00:00.000Z',
        fromHash: from,
        toHash: to,
        diff: expect.objectContaining({
          breaking: true,
          changed: [expect.objectContaining({ name: 'search', class: 'breaking' })],
        }),
        diffUnavailable: null,
        protocolChange: null,
      },
    ]);
    expect((await get(`/api/v1/monitors/${monitorId}/tools`)).json()).toEqual({
      snapshot: { hash: to, tools: after, toolCount: 1, omitted: null, since: '2026-11-26T10:00:00.000Z' },
    });
  });

  it('stores a real probe of a modern server and serves it back, tools included', async () => {
    const db = t.database.handle.db;
    const probed = await insertMonitor(db, owner.organizationId, { name: 'Modern fixture' });
    const report = await runProbe({
      url: fixture.url,
      allowPrivateAddresses: true,
      degradedThresholdMs: 30_000,
    });
    expect(report.result.status).toBe('up');
    const hash = report.result.schemaHash!;
    const row = resultRowFrom(probed, 'eu-west', new Date('2026-11-26T12:33:00Z'), report.result);
    await insertResults(db, [row], new Map([[hash, report.tools ?? []]]));
    await db.insert(monitorState).values({ monitorId: probed, status: 'up', schemaHash: hash });

    const results = (await get(`/api/v1/monitors/${probed}/results`)).json();
    expect(results.items).toEqual([
      expect.objectContaining({
        region: 'eu-west',
        status: 'up',
        era: 'modern',
        protocolVersion: '2026-07-28',
        toolCount: 3,
        schemaHash: hash,
        checkedAt: report.result.checkedAt,
        // Stored and read back exactly as measured, so the phases still add up to the total.
        timings: report.result.timings,
      }),
    ]);
    const { snapshot } = (await get(`/api/v1/monitors/${probed}/tools`)).json();
    expect(snapshot.hash).toBe(hash);
    expect(snapshot.tools.map((tool: Tool) => tool.name)).toEqual(['add', 'echo', 'get_weather']);
    expect(computeSchemaHash(snapshot.tools)).toBe(hash);
    expect((await get(`/api/v1/monitors/${probed}/uptime`)).json().windows['1h'].checks).toMatchObject({
      total: 1,
      up: 1,
    });
  });
});

describe('overview', () => {
  it('lists every monitor of the organisation with hourly figures', async () => {
    const response = await get('/api/v1/overview');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const docs = body.monitors.find((monitor: { monitorId: string }) => monitor.monitorId === monitorId);
    expect(docs).toMatchObject({
      name: 'Docs server',
      uptime24h: null,
      uptime30d: null,
      lastCheckedAt: null,
    });
    near(docs.p95Ms24h, 100);
    expect(docs.sparkline).toHaveLength(24);
    expect(docs.sparkline[23]).toMatchObject({
      bucketStart: '2026-11-26T12:00:00.000Z',
      checks: 68,
      down: 0,
    });
    expect(docs.sparkline[22]).toMatchObject({
      bucketStart: '2026-11-26T11:00:00.000Z',
      checks: 52,
      down: 6,
    });
    near(docs.sparkline[22].p50Ms, 100);
    expect(docs.sparkline[21]).toEqual({
      bucketStart: '2026-11-26T10:00:00.000Z',
      p50Ms: null,
      checks: 0,
      down: 0,
    });
  });
});

describe('one uptime on every surface', () => {
  const MINUTE = 60_000;
  const firstCheck = new Date('2026-11-26T00:00:02Z');

  /**
   * Today from midnight, a check every minute: down 10:00–10:19, confirmed as one
   * 20-minute incident, and two single failed checks that were never confirmed.
   */
  async function monitorWithOneOutage(): Promise<string> {
    const db = t.database.handle.db;
    const id = await insertMonitor(db, owner.organizationId, { name: 'One outage', isPublic: true });
    const rows = everyMinute('2026-11-26T00:00:00Z', '2026-11-26T12:34:00Z').map((slot) => {
      const minute = slot.toISOString().slice(11, 16);
      const down = (minute >= '10:00' && minute < '10:20') || minute === '03:00' || minute === '07:30';
      return storedResult(id, 'eu-west', slot, down ? 'down' : 'up', down ? 10_000 : 50);
    });
    await insertResults(db, rows);
    await db.insert(monitorState).values({
      monitorId: id,
      status: 'up',
      firstCheckedAt: firstCheck,
      lastCheckedAt: new Date('2026-11-26T12:33:02Z'),
    });
    await db.insert(incidents).values({
      organizationId: owner.organizationId,
      monitorId: id,
      kind: 'down',
      startedAt: new Date('2026-11-26T10:00:02Z'),
      endedAt: new Date('2026-11-26T10:20:02Z'),
      errorCode: 'timeout',
      regions: ['eu-west'],
    });
    return id;
  }

  async function everySurface(id: string) {
    const uptime = (await get(`/api/v1/monitors/${id}/uptime`)).json();
    const overview = (await get('/api/v1/overview')).json();
    const listed = overview.monitors.find((monitor: { monitorId: string }) => monitor.monitorId === id);
    const status = (
      await t.app.inject({ method: 'GET', url: `/api/v1/public/monitors/${id}/status` })
    ).json();
    return { uptime, listed, status };
  }

  it('gives the windows, the days, the list and the public status the same uptime', async () => {
    const id = await monitorWithOneOutage();
    const { uptime, listed, status } = await everySurface(id);
    const monitoredMs = NOW.getTime() - firstCheck.getTime();
    const expected = 1 - (20 * MINUTE) / monitoredMs;
    for (const window of ['24h', '7d', '30d', '90d']) {
      expect(uptime.windows[window], window).toMatchObject({
        uptime: expected,
        monitoredMs,
        downtimeMs: 20 * MINUTE,
        degradedMs: 0,
      });
    }
    // The checks still show every failure, confirmed or not; they are evidence, not uptime.
    expect(uptime.windows['24h'].checks).toEqual({ total: 754, up: 732, degraded: 0, down: 22 });
    expect(uptime.days.at(-1)).toEqual({
      start: '2026-11-26T00:00:00.000Z',
      uptime: expected,
      monitoredMs,
      downtimeMs: 20 * MINUTE,
      degradedMs: 0,
    });
    expect(uptime.days.slice(0, -1).every((day: { uptime: number | null }) => day.uptime === null)).toBe(
      true,
    );
    expect(listed).toMatchObject({ uptime24h: expected, uptime30d: expected });
    expect(status.uptime).toEqual({ '24h': expected, '30d': expected, '90d': expected });
  });

  it('answers no data, never 100 %, for a monitor without checks, on every surface', async () => {
    const id = await insertMonitor(t.database.handle.db, owner.organizationId, {
      name: 'Never checked',
      isPublic: true,
    });
    const { uptime, listed, status } = await everySurface(id);
    for (const window of ['1h', '24h', '7d', '30d', '90d']) {
      expect(uptime.windows[window]).toMatchObject({ uptime: null, monitoredMs: 0 });
    }
    expect(uptime.days.every((day: { uptime: number | null }) => day.uptime === null)).toBe(true);
    expect(listed).toMatchObject({ uptime24h: null, uptime30d: null });
    expect(status.uptime).toEqual({ '24h': null, '30d': null, '90d': null });
  });
});

describe('the API description', () => {
  it('describes every read route with its parameters', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of [
      'results',
      'uptime',
      'latency',
      'incidents',
      'drift',
      'changes',
      'releases',
      'tools',
    ]) {
      expect(doc.paths[`/api/v1/monitors/{id}/${path}`]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/v1/overview'].get).toBeDefined();
    expect(doc.paths['/api/v1/public/monitors/{id}/status'].get.security).toEqual([]);
    const parameters = doc.paths['/api/v1/monitors/{id}/results'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(parameters).toEqual(
      expect.arrayContaining(['id', 'region', 'status', 'errorCode', 'from', 'to', 'cursor', 'limit']),
    );
  });
});
