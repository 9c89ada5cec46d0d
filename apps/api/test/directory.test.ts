import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import {
  directoryEndpoints,
  incidents,
  insertResults,
  monitorState,
  refreshDirectorySummaries,
  schemaSnapshots,
} from '@mcpulse/db';
import { seedDirectoryServer } from '@mcpulse/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor, storedResult } from './support/read-fixtures.js';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const NOW = new Date('2026-11-26T12:34:00Z');
const MINUTE = 60_000;
const HOSTILE = '<img src=x onerror=alert(1)>';

let t: TestApp;
let weatherMonitor: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const db = t.database.handle.db;
  const weather = await seedDirectoryServer(db, {
    name: 'io.example/weather',
    title: `Weather ${HOSTILE}`,
    description: 'Forecasts',
    url: 'https://weather.example/mcp',
    headers: { 'X-Client': 'public' },
  });
  weatherMonitor = weather.monitorId!;
  // A second entry listing the same URL: one endpoint, linked to both.
  await seedDirectoryServer(db, { name: 'io.example/weather-mirror', url: 'https://weather.example/mcp' });
  const first = new Date(NOW.getTime() - 60 * MINUTE);
  await insertResults(
    db,
    Array.from({ length: 60 }, (_, i) =>
      storedResult(
        weatherMonitor,
        'local',
        new Date(first.getTime() + i * MINUTE),
        i >= 10 && i < 15 ? 'down' : 'up',
        100,
      ),
    ),
  );
  await db.insert(monitorState).values({
    monitorId: weatherMonitor,
    status: 'up',
    since: new Date(first.getTime() + 16 * MINUTE),
    lastCheckedAt: new Date(NOW.getTime() - MINUTE),
    firstCheckedAt: first,
    schemaHash: 'h-weather',
    protocolTracking: {
      confirmed: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
      candidate: null,
      seen: 0,
      candidateSince: null,
    },
  });
  await db.insert(schemaSnapshots).values({
    monitorId: weatherMonitor,
    hash: 'h-weather',
    tools: [
      {
        name: 'forecast',
        description: HOSTILE,
        inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ],
    toolCount: 1,
    sizeBytes: 100,
  });
  await db.insert(incidents).values({
    organizationId: DIRECTORY_ORGANIZATION_ID,
    monitorId: weatherMonitor,
    kind: 'down',
    startedAt: new Date(first.getTime() + 10 * MINUTE),
    endedAt: new Date(first.getTime() + 15 * MINUTE),
    errorCode: 'timeout',
    regions: ['local'],
  });
  for (let i = 0; i < 30; i++) {
    await seedDirectoryServer(db, {
      name: `io.bulk/server-${String(i).padStart(2, '0')}`,
      url: `https://bulk-${i}.example/mcp`,
      transport: i % 2 ? 'sse' : 'streamable-http',
      authRequirement: i % 3 ? 'none' : 'secret_header',
    });
  }
  await seedDirectoryServer(db, {
    name: 'io.example/blocked',
    url: 'http://10.1.2.3/mcp',
    skipReason: 'blocked_address',
  });
  await seedDirectoryServer(db, {
    name: 'io.example/opted',
    url: 'https://opted.example/mcp',
    skipReason: 'opted_out',
  });
  await refreshDirectorySummaries(db, NOW);
}, 60_000);
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/directory/servers', () => {
  it('lists one row per endpoint URL, without signing in, leaving opted-out hosts out', async () => {
    const response = await get('/api/v1/directory/servers?limit=100');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(32);
    expect(body.items.map((item: { url: string }) => item.url)).not.toContain('https://opted.example/mcp');
    const weather = body.items.find((item: { url: string }) => item.url === 'https://weather.example/mcp');
    expect(weather).toMatchObject({
      state: 'up',
      era: 'modern',
      protocolVersion: '2026-07-28',
      transport: 'streamable-http',
      toolCount: 1,
      authRequirement: 'none',
      servers: [
        { name: 'io.example/weather', title: `Weather ${HOSTILE}` },
        { name: 'io.example/weather-mirror', title: null },
      ],
    });
    // The monitor page's figure, by the one definition: 5 minutes down in the hour since the first check.
    expect(weather.uptime30d).toBeCloseTo(1 - 5 / 60, 10);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('searches, filters, sorts and pages', async () => {
    const urls = async (query: string) =>
      (await get(`/api/v1/directory/servers?${query}`)).json().items.map((item: { url: string }) => item.url);
    expect(await urls('q=WEATHER-mirror')).toEqual(['https://weather.example/mcp']);
    expect(await urls('state=paused')).toEqual(['http://10.1.2.3/mcp']);
    expect(await urls('era=modern')).toEqual(['https://weather.example/mcp']);
    expect((await urls('auth=secret_header&limit=100')).length).toBe(10);
    expect((await urls('errorCode=none&limit=100')).length).toBe(32);
    expect((await urls('sort=tools&order=desc&limit=1'))[0]).toBe('https://weather.example/mcp');
    const page2 = (await get('/api/v1/directory/servers?limit=10&page=2')).json();
    expect(page2).toMatchObject({ page: 2, limit: 10, total: 32 });
    expect(page2.items[0].servers[0].name).toBe('io.bulk/server-10');
  });

  it('refuses bad input with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['state=sideways', 'state'],
      ['sort=random', 'sort'],
      ['limit=1000', 'limit'],
      ['page=0', 'page'],
      ['errorCode=nope', 'errorCode'],
      [`q=${'x'.repeat(300)}`, 'q'],
    ]) {
      const response = await get(`/api/v1/directory/servers?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain(field);
    }
  });

  it('answers ETag and Cache-Control, a 304 for a current tag, and a new tag when the figures move', async () => {
    const first = await get('/api/v1/directory/servers');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get('/api/v1/directory/servers', { 'if-none-match': `W/${etag}, "other"` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get('/api/v1/directory/servers?page=2', { 'if-none-match': etag })).statusCode).toBe(200);

    await t.database.handle.db
      .update(monitorState)
      .set({ status: 'down' })
      .where(eq(monitorState.monitorId, weatherMonitor));
    await refreshDirectorySummaries(t.database.handle.db, new Date(NOW.getTime() + MINUTE));
    const moved = await get('/api/v1/directory/servers', { 'if-none-match': etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).not.toBe(etag);
    await t.database.handle.db
      .update(monitorState)
      .set({ status: 'up' })
      .where(eq(monitorState.monitorId, weatherMonitor));
    await refreshDirectorySummaries(t.database.handle.db, NOW);
  });
});

describe('GET /api/v1/directory/servers/{name}', () => {
  it("answers a server's entries and, per endpoint, uptime days, latency, tools with schemas and incidents", async () => {
    const response = await get('/api/v1/directory/servers/io.example/weather');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.name).toBe('io.example/weather');
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({
      title: `Weather ${HOSTILE}`,
      status: 'active',
      description: 'Forecasts',
    });
    expect(body.endpoints).toHaveLength(1);
    const [endpoint] = body.endpoints;
    expect(endpoint).toMatchObject({
      url: 'https://weather.example/mcp',
      headers: { 'X-Client': 'public' },
      summary: { state: 'up', toolCount: 1 },
      tools: { toolCount: 1, tools: [{ name: 'forecast', description: HOSTILE }] },
      incidents: { items: [{ kind: 'down', errorCode: 'timeout' }] },
    });
    expect(endpoint.tools.tools[0].inputSchema.properties.city).toEqual({ type: 'string' });
    expect(endpoint.uptime.days).toHaveLength(90);
    expect(endpoint.uptime.windows['30d'].uptime).toBe(endpoint.summary.uptime30d);
    expect(endpoint.latency.windows['24h'].overall.p95).toBeGreaterThan(0);
    expect(endpoint).not.toHaveProperty('monitorId');
    expect(response.headers.etag).toBeDefined();
    const again = await get('/api/v1/directory/servers/io.example/weather', {
      'if-none-match': response.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
  });

  it('takes the name percent-encoded too, and shows an endpoint without a monitor as no data', async () => {
    const encoded = await get('/api/v1/directory/servers/io.example%2Fweather-mirror');
    expect(encoded.statusCode).toBe(200);
    expect(encoded.json().endpoints[0].url).toBe('https://weather.example/mcp');
    const blocked = (await get('/api/v1/directory/servers/io.example/blocked')).json();
    expect(blocked.endpoints[0]).toMatchObject({
      skipReason: 'blocked_address',
      summary: { state: 'paused' },
    });
  });

  it('is a 404 for a name no registry lists, and hides opted-out endpoints', async () => {
    const missing = await get('/api/v1/directory/servers/io.example/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await get('/api/v1/directory/servers/io.example/opted')).json().endpoints).toEqual([]);
  });

  it("never shows a user's monitor, even when an endpoint is linked to it", async () => {
    const user = await signUpUser(t.app);
    const own = await insertMonitor(t.database.handle.db, user.organizationId, { name: 'private' });
    const { endpointId } = await seedDirectoryServer(t.database.handle.db, {
      name: 'io.example/linked',
      url: 'https://linked.example/mcp',
      monitored: false,
    });
    await t.database.handle.db
      .update(directoryEndpoints)
      .set({ monitorId: own })
      .where(eq(directoryEndpoints.id, endpointId));
    const body = (await get('/api/v1/directory/servers/io.example/linked')).json();
    expect(body.endpoints[0]).toMatchObject({ uptime: null, latency: null, tools: null });
  });
});

describe('watching a directory server', () => {
  it("creates a monitor in the user's own organisation through the monitor API", async () => {
    const user = await signUpUser(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: user.headers,
      payload: {
        name: 'io.example/weather',
        url: 'https://weather.example/mcp',
        headers: { 'X-Client': 'public' },
      },
    });
    expect(response.statusCode).toBe(201);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: user.headers })
    ).json();
    expect(list.monitors.map((m: { url: string }) => m.url)).toEqual(['https://weather.example/mcp']);
  });
});

describe('OpenAPI', () => {
  it('publishes both reads as public', async () => {
    const doc = (await get('/docs/json')).json();
    expect(doc.paths['/api/v1/directory/servers'].get.security).toEqual([]);
    const detail = doc.paths['/api/v1/directory/servers/{*}'] ?? doc.paths['/api/v1/directory/servers/*'];
    expect(detail?.get.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/v1/directory/servers'].get.responses)).toEqual(
      expect.arrayContaining(['200', '304', '400']),
    );
  });
});
