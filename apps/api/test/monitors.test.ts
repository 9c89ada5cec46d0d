import { unseal } from '@mcpulse/core';
import { incidents, monitorPauses, monitorState, monitors, organizations, queryRows } from '@mcpulse/db';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const MASK = '••••••';

interface MonitorBody {
  id: string;
  name: string;
  url: string;
  transport: string;
  regions: string[];
  intervalSeconds: number;
  timeoutMs: number;
  degradedThresholdMs: number;
  confirmations: number;
  regionQuorum: number | null;
  paused: boolean;
  isPublic: boolean;
  headers: Record<string, string>;
  status: string;
  statusSince: string;
  lastCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

let t: TestApp;
let owner: Caller;
let clock = new Date('2026-11-23T12:00:00.000Z');
const changed: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: () => clock, onMonitorChanged: (id) => void changed.push(id) });
  owner = await signUpUser(t.app);
  // This file makes more monitors than the free plan holds; quotas have their own file.
  await t.database.handle.db
    .update(organizations)
    .set({ plan: 'team' })
    .where(eq(organizations.id, owner.organizationId));
});
afterAll(async () => t?.close());
beforeEach(() => {
  changed.length = 0;
});

function tick(ms = 60_000): Date {
  clock = new Date(clock.getTime() + ms);
  return clock;
}

function call(caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: caller.headers, ...(payload ? { payload } : {}) });
}

async function create(caller: Caller, payload: object): Promise<MonitorBody> {
  const response = await call(caller, 'POST', '/api/v1/monitors', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ monitor: MonitorBody }>().monitor;
}

async function list(caller: Caller, query = ''): Promise<MonitorBody[]> {
  const response = await call(caller, 'GET', `/api/v1/monitors${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ monitors: MonitorBody[] }>().monitors;
}

async function savedHeaders(id: string): Promise<Record<string, string>> {
  const [row] = await t.database.handle.db
    .select({ sealed: monitors.headersSealed })
    .from(monitors)
    .where(eq(monitors.id, id));
  if (!row?.sealed) return {};
  return JSON.parse(unseal(t.options.secretKey, row.sealed, `monitor-headers:${id}`));
}

async function monitorCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.handle.db,
    sql`select count(*)::int as n from monitors`,
  );
  return row?.n ?? 0;
}

describe('creating monitors', () => {
  it('creates a monitor with the defaults, a pending state and a notification', async () => {
    const response = await call(owner, 'POST', '/api/v1/monitors', {
      name: 'Docs server',
      url: 'https://mcp.example.com/mcp',
    });
    expect(response.statusCode, response.body).toBe(201);
    const { monitor, probe } = response.json<{ monitor: MonitorBody; probe: unknown }>();
    expect(probe).toBeNull();
    expect(monitor).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Docs server',
      url: 'https://mcp.example.com/mcp',
      transport: 'auto',
      regions: ['eu-west', 'us-east', 'ap-south'],
      intervalSeconds: 60,
      timeoutMs: 10_000,
      degradedThresholdMs: 1_000,
      confirmations: 2,
      regionQuorum: null,
      paused: false,
      isPublic: false,
      headers: {},
      canary: null,
      oauth: null,
      oauthConnection: null,
      status: 'pending',
      statusSince: clock.toISOString(),
      lastCheckedAt: null,
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
    });
    const [state] = await t.database.handle.db
      .select()
      .from(monitorState)
      .where(eq(monitorState.monitorId, monitor.id));
    expect(state?.status).toBe('pending');
    expect(changed).toEqual([monitor.id]);
  });

  it('keeps every setting it is given', async () => {
    const monitor = await create(owner, {
      name: 'Tuned',
      url: 'http://tuned.example.com:8080/mcp?x=1',
      transport: 'sse',
      regions: ['us-east', 'eu-west'],
      intervalSeconds: 300,
      timeoutMs: 20_000,
      degradedThresholdMs: 5_000,
      confirmations: 3,
      regionQuorum: 2,
      isPublic: true,
    });
    expect(monitor).toMatchObject({
      transport: 'sse',
      regions: ['us-east', 'eu-west'],
      intervalSeconds: 300,
      timeoutMs: 20_000,
      degradedThresholdMs: 5_000,
      confirmations: 3,
      regionQuorum: 2,
      isPublic: true,
    });
  });

  it('stores header values sealed: never in the row, never in a response', async () => {
    const secret = 'Bearer very-secret-value-42';
    const response = await call(owner, 'POST', '/api/v1/monitors', {
      name: 'With auth',
      url: 'https://private.example.com/mcp',
      headers: { Authorization: secret, 'X-Tenant': 'tenant-secret-7' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.body).not.toContain('very-secret-value-42');
    expect(response.body).not.toContain('tenant-secret-7');
    const { monitor } = response.json<{ monitor: MonitorBody }>();
    expect(monitor.headers).toEqual({ Authorization: MASK, 'X-Tenant': MASK });

    const [row] = await queryRows<Record<string, unknown>>(
      t.database.handle.db,
      sql`select * from monitors where id = ${monitor.id}`,
    );
    expect(row?.header_names).toEqual(['Authorization', 'X-Tenant']);
    expect(JSON.stringify(row)).not.toContain('very-secret-value-42');
    expect(JSON.stringify(row)).not.toContain('tenant-secret-7');
    expect(await savedHeaders(monitor.id)).toEqual({ Authorization: secret, 'X-Tenant': 'tenant-secret-7' });

    for (const url of ['/api/v1/monitors', `/api/v1/monitors/${monitor.id}`]) {
      const read = await call(owner, 'GET', url);
      expect(read.statusCode).toBe(200);
      expect(read.body).not.toContain('very-secret-value-42');
      expect(read.body).toContain(MASK);
    }
  });

  it.each([
    ['url scheme ftp', { url: 'ftp://files.example.com/mcp' }, 'url'],
    ['relative url', { url: '/mcp' }, 'url'],
    ['credentials in the url', { url: 'https://user:pw@example.com/mcp' }, 'url'],
    ['an over-long url', { url: `https://example.com/${'a'.repeat(2048)}` }, 'url'],
    ['an empty name', { name: '   ' }, 'name'],
    ['empty regions', { regions: [] }, 'regions'],
    ['an unknown region', { regions: ['eu-west', 'mars-1'] }, 'regions'],
    ['a repeated region', { regions: ['eu-west', 'eu-west'] }, 'regions'],
    ['interval 10', { intervalSeconds: 10 }, 'intervalSeconds'],
    ['interval 3601', { intervalSeconds: 3601 }, 'intervalSeconds'],
    ['timeout 100', { timeoutMs: 100 }, 'timeoutMs'],
    ['degraded equal to timeout', { timeoutMs: 5_000, degradedThresholdMs: 5_000 }, 'degradedThresholdMs'],
    ['degraded above the default timeout', { degradedThresholdMs: 20_000 }, 'degradedThresholdMs'],
    ['confirmations 0', { confirmations: 0 }, 'confirmations'],
    ['a quorum above the region count', { regions: ['eu-west'], regionQuorum: 2 }, 'regionQuorum'],
    ['a forbidden header name', { headers: { Host: 'evil.example.com' } }, 'headers.Host'],
    [
      'a forbidden header in another case',
      { headers: { 'MCP-Session-Id': 'abc' } },
      'headers.MCP-Session-Id',
    ],
    ['a header value with a newline', { headers: { 'X-Evil': 'a\r\nInjected: yes' } }, 'headers.X-Evil'],
    ['a header value with NUL', { headers: { 'X-Nul': 'a\u0000b' } }, 'headers.X-Nul'],
    ['an invalid header name', { headers: { 'Bad Name': 'x' } }, 'headers.Bad Name'],
    ['an over-long header value', { headers: { 'X-Long': 'x'.repeat(4097) } }, 'headers.X-Long'],
    ['the same header twice', { headers: { 'X-A': '1', 'x-a': '2' } }, 'headers.x-a'],
    [
      'too many headers',
      { headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])) },
      'headers',
    ],
    ['a masked value with nothing saved', { headers: { Authorization: MASK } }, 'headers.Authorization'],
    ['an unknown field (a typo)', { intervalSecond: 300 }, 'intervalSecond'],
  ])('answers %s with 400 naming the field and saves nothing', async (_case, override, field) => {
    const before = await monitorCount();
    const response = await call(owner, 'POST', '/api/v1/monitors', {
      name: 'Invalid',
      url: 'https://example.com/mcp',
      ...override,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field });
    expect(await monitorCount()).toBe(before);
    expect(changed).toEqual([]);
  });
});

describe('listing and reading monitors', () => {
  let lister: Caller;
  let alpha: MonitorBody;
  let beta: MonitorBody;
  let gamma: MonitorBody;

  beforeAll(async () => {
    lister = await signUpUser(t.app);
    gamma = await create(lister, { name: 'gamma', url: 'https://gamma.example.com/mcp' });
    alpha = await create(lister, { name: 'Alpha', url: 'https://one.example.com/mcp' });
    beta = await create(lister, { name: 'beta 100%_done', url: 'https://two.example.org/Special-Path' });
  });

  it('lists the caller’s monitors by name, whatever its case', async () => {
    expect((await list(lister)).map((m) => m.id)).toEqual([alpha.id, beta.id, gamma.id]);
  });

  it('searches name and URL, case-insensitively, with wildcards taken literally', async () => {
    expect((await list(lister, '?search=ALPHA')).map((m) => m.name)).toEqual(['Alpha']);
    expect((await list(lister, '?search=special-path')).map((m) => m.name)).toEqual(['beta 100%_done']);
    expect((await list(lister, '?search=example.com')).map((m) => m.name)).toEqual(['Alpha', 'gamma']);
    expect((await list(lister, `?search=${encodeURIComponent('%_')}`)).map((m) => m.name)).toEqual([
      'beta 100%_done',
    ]);
    expect(await list(lister, '?search=_')).toHaveLength(1);
    expect(await list(lister, '?search=nothing-like-this')).toEqual([]);
  });

  it('filters by status, paused included', async () => {
    await call(lister, 'POST', `/api/v1/monitors/${beta.id}/pause`);
    await t.database.handle.db
      .update(monitorState)
      .set({ status: 'down' })
      .where(eq(monitorState.monitorId, gamma.id));
    expect((await list(lister, '?status=paused')).map((m) => m.id)).toEqual([beta.id]);
    expect((await list(lister, '?status=pending')).map((m) => m.id)).toEqual([alpha.id]);
    expect((await list(lister, '?status=down')).map((m) => m.id)).toEqual([gamma.id]);
    expect(await list(lister, '?status=up')).toEqual([]);
    const invalid = await call(lister, 'GET', '/api/v1/monitors?status=sideways');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('status');
  });

  it('reads one monitor, and answers 404 for an unknown id and 400 for a malformed one', async () => {
    const response = await call(lister, 'GET', `/api/v1/monitors/${alpha.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(alpha);
    const missing = await call(lister, 'GET', '/api/v1/monitors/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await call(lister, 'GET', '/api/v1/monitors/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('updating monitors', () => {
  it('changes only the fields given, moves updatedAt and notifies', async () => {
    const monitor = await create(owner, {
      name: 'Before',
      url: 'https://before.example.com/mcp',
      confirmations: 4,
    });
    changed.length = 0;
    const later = tick();
    const response = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      name: 'After',
      intervalSeconds: 120,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      ...monitor,
      name: 'After',
      intervalSeconds: 120,
      updatedAt: later.toISOString(),
    });
    expect(changed).toEqual([monitor.id]);
  });

  it('checks the merged settings, not just the fields sent', async () => {
    const monitor = await create(owner, {
      name: 'Quorum',
      url: 'https://quorum.example.com/mcp',
      regionQuorum: 2,
      timeoutMs: 5_000,
    });
    changed.length = 0;
    const cases: Array<[object, string]> = [
      [{ regions: ['eu-west'] }, 'regionQuorum'],
      [{ degradedThresholdMs: 5_000 }, 'degradedThresholdMs'],
      [{ timeoutMs: 1_000 }, 'degradedThresholdMs'],
      [{ regions: ['nowhere'] }, 'regions'],
      [{ url: 'ftp://x.example.com' }, 'url'],
      [{ headers: { Connection: 'close' } }, 'headers.Connection'],
    ];
    for (const [payload, field] of cases) {
      const response = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
    const ok = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      regions: ['eu-west'],
      regionQuorum: null,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ regions: ['eu-west'], regionQuorum: null, timeoutMs: 5_000 });
    expect(changed).toEqual([monitor.id]);
  });

  it('round-trips masked header values: the mask keeps the saved value, anything else replaces it', async () => {
    const monitor = await create(owner, {
      name: 'Headers',
      url: 'https://headers.example.com/mcp',
      headers: { Authorization: 'Bearer keep-me', 'X-Team': 'blue', 'X-Gone': 'bye' },
    });
    const read = (await call(owner, 'GET', `/api/v1/monitors/${monitor.id}`)).json<MonitorBody>();
    const { 'X-Gone': _gone, ...kept } = read.headers;
    const response = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      headers: { ...kept, 'X-Team': 'green', 'X-New': 'fresh' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<MonitorBody>().headers).toEqual({
      Authorization: MASK,
      'X-Team': MASK,
      'X-New': MASK,
    });
    expect(await savedHeaders(monitor.id)).toEqual({
      Authorization: 'Bearer keep-me',
      'X-Team': 'green',
      'X-New': 'fresh',
    });

    const unknownMask = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      headers: { 'X-Gone': MASK },
    });
    expect(unknownMask.statusCode).toBe(400);
    expect(unknownMask.json().error.field).toBe('headers.X-Gone');

    const untouched = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, { name: 'Renamed' });
    expect(untouched.statusCode).toBe(200);
    expect(await savedHeaders(monitor.id)).toEqual({
      Authorization: 'Bearer keep-me',
      'X-Team': 'green',
      'X-New': 'fresh',
    });

    const cleared = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, { headers: {} });
    expect(cleared.json<MonitorBody>().headers).toEqual({});
    expect(await savedHeaders(monitor.id)).toEqual({});
  });
});

describe('updating with an unknown field', () => {
  it('is a 400 naming it, and changes nothing', async () => {
    const monitor = await create(owner, { name: 'Strict', url: 'https://strict.example.com/mcp' });
    const response = await call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, { name: 'y', bogus: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field: 'bogus' });
    expect((await call(owner, 'GET', `/api/v1/monitors/${monitor.id}`)).json<MonitorBody>().name).toBe(
      'Strict',
    );
  });
});

describe('moving a monitor to another origin', () => {
  it('never carries saved header values to it', async () => {
    const monitor = await create(owner, {
      name: 'Moving',
      url: 'https://home.example.com/mcp',
      headers: { Authorization: 'Bearer home-secret' },
    });
    const patch = (body: object) => call(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, body);

    const withoutHeaders = await patch({ url: 'https://elsewhere.example.net/mcp' });
    expect(withoutHeaders.statusCode).toBe(400);
    expect(withoutHeaders.json().error.field).toBe('headers');
    const masked = await patch({
      url: 'https://elsewhere.example.net/mcp',
      headers: { Authorization: MASK },
    });
    expect(masked.statusCode).toBe(400);
    expect(masked.json().error.field).toBe('headers.Authorization');
    for (const port of ['https://home.example.com:8443/mcp', 'http://home.example.com/mcp']) {
      expect((await patch({ url: port })).statusCode).toBe(400);
    }
    expect((await call(owner, 'GET', `/api/v1/monitors/${monitor.id}`)).json<MonitorBody>().url).toBe(
      'https://home.example.com/mcp',
    );
    expect(await savedHeaders(monitor.id)).toEqual({ Authorization: 'Bearer home-secret' });

    // Another path on the same origin keeps them; the new origin takes them sent again, or none.
    expect((await patch({ url: 'https://home.example.com/v2/mcp' })).statusCode).toBe(200);
    expect(await savedHeaders(monitor.id)).toEqual({ Authorization: 'Bearer home-secret' });
    const resent = await patch({
      url: 'https://elsewhere.example.net/mcp',
      headers: { Authorization: 'Bearer new' },
    });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(await savedHeaders(monitor.id)).toEqual({ Authorization: 'Bearer new' });
    const cleared = await patch({ url: 'https://third.example.org/mcp', headers: {} });
    expect(cleared.statusCode).toBe(200);
    expect(await savedHeaders(monitor.id)).toEqual({});
    expect((await patch({ url: 'https://fourth.example.org/mcp' })).statusCode).toBe(200);
  });
});

describe('pausing, resuming and deleting', () => {
  it('pauses and resumes idempotently, keeping a pause history', async () => {
    const monitor = await create(owner, { name: 'Pausable', url: 'https://pause.example.com/mcp' });
    changed.length = 0;
    const pausedAt = tick();
    const paused = await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/pause`);
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({
      paused: true,
      status: 'paused',
      statusSince: pausedAt.toISOString(),
      updatedAt: pausedAt.toISOString(),
    });
    tick();
    const again = await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/pause`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(paused.json());
    expect(changed).toEqual([monitor.id]);

    const resumedAt = tick();
    const resumed = await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({
      paused: false,
      status: 'pending',
      updatedAt: resumedAt.toISOString(),
    });
    expect((await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/resume`)).json()).toEqual(
      resumed.json(),
    );
    expect(changed).toEqual([monitor.id, monitor.id]);

    const pauses = await t.database.handle.db
      .select({ startedAt: monitorPauses.startedAt, endedAt: monitorPauses.endedAt })
      .from(monitorPauses)
      .where(eq(monitorPauses.monitorId, monitor.id))
      .orderBy(asc(monitorPauses.startedAt));
    expect(pauses).toEqual([{ startedAt: pausedAt, endedAt: resumedAt }]);
  });

  it('ends an open incident at the pause and opens it anew at the resume, so incidents count watched time only', async () => {
    const db = t.database.handle.db;
    const monitor = await create(owner, { name: 'Failing', url: 'https://failing.example.com/mcp' });
    const startedAt = tick();
    const [open] = await db
      .insert(incidents)
      .values({
        organizationId: owner.organizationId,
        monitorId: monitor.id,
        kind: 'down',
        startedAt,
        errorCode: 'connect_timeout',
        errorMessage: 'no answer in 10 s',
        regions: ['eu-west', 'us-east'],
      })
      .returning({ id: incidents.id });
    await db
      .update(monitorState)
      .set({ status: 'down', since: startedAt, openIncidentId: open!.id })
      .where(eq(monitorState.monitorId, monitor.id));
    const incidentsOf = () =>
      db
        .select({
          kind: incidents.kind,
          startedAt: incidents.startedAt,
          endedAt: incidents.endedAt,
          errorCode: incidents.errorCode,
          regions: incidents.regions,
        })
        .from(incidents)
        .where(eq(incidents.monitorId, monitor.id))
        .orderBy(asc(incidents.startedAt));
    const openIncident = async () =>
      (await db.select().from(monitorState).where(eq(monitorState.monitorId, monitor.id)))[0]?.openIncidentId;

    const pausedAt = tick();
    expect((await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/pause`)).statusCode).toBe(200);
    expect(await incidentsOf()).toEqual([
      {
        kind: 'down',
        startedAt,
        endedAt: pausedAt,
        errorCode: 'connect_timeout',
        regions: ['eu-west', 'us-east'],
      },
    ]);
    expect(await openIncident()).toBeNull();

    tick(3_600_000);
    const resumedAt = tick();
    expect((await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/resume`)).statusCode).toBe(200);
    const after = await incidentsOf();
    expect(after).toEqual([
      {
        kind: 'down',
        startedAt,
        endedAt: pausedAt,
        errorCode: 'connect_timeout',
        regions: ['eu-west', 'us-east'],
      },
      {
        kind: 'down',
        startedAt: resumedAt,
        endedAt: null,
        errorCode: 'connect_timeout',
        regions: ['eu-west', 'us-east'],
      },
    ]);
    const [reopened] = await db
      .select({ id: incidents.id })
      .from(incidents)
      .where(eq(incidents.monitorId, monitor.id))
      .orderBy(asc(incidents.startedAt))
      .offset(1);
    expect(await openIncident()).toBe(reopened?.id);

    // A monitor that was up when paused opens nothing when resumed.
    await db
      .update(monitorState)
      .set({ status: 'up', openIncidentId: null })
      .where(eq(monitorState.monitorId, monitor.id));
    await db.update(incidents).set({ endedAt: tick() }).where(eq(incidents.id, reopened!.id));
    await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/pause`);
    await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/resume`);
    expect(await incidentsOf()).toHaveLength(2);
    expect(await openIncident()).toBeNull();
  });

  it('deletes a monitor with everything that hangs off it', async () => {
    const monitor = await create(owner, { name: 'Doomed', url: 'https://doomed.example.com/mcp' });
    await call(owner, 'POST', `/api/v1/monitors/${monitor.id}/pause`);
    changed.length = 0;
    const response = await call(owner, 'DELETE', `/api/v1/monitors/${monitor.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(changed).toEqual([monitor.id]);
    expect((await call(owner, 'GET', `/api/v1/monitors/${monitor.id}`)).statusCode).toBe(404);
    expect((await call(owner, 'DELETE', `/api/v1/monitors/${monitor.id}`)).statusCode).toBe(404);
    const [left] = await queryRows<{ state: number; pauses: number }>(
      t.database.handle.db,
      sql`select (select count(*)::int from monitor_state where monitor_id = ${monitor.id}) as state,
                 (select count(*)::int from monitor_pauses where monitor_id = ${monitor.id}) as pauses`,
    );
    expect(left).toEqual({ state: 0, pauses: 0 });
  });
});

describe('the OpenAPI document', () => {
  it('describes every monitor route with its schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/monitors',
        '/api/v1/monitors/test',
        '/api/v1/monitors/{id}',
        '/api/v1/monitors/{id}/pause',
        '/api/v1/monitors/{id}/resume',
        '/api/v1/monitors/{id}/check',
      ]),
    );
    expect(JSON.stringify(doc.paths['/api/v1/monitors'].post.requestBody)).toContain('intervalSeconds');
    expect(JSON.stringify(doc.paths['/api/v1/monitors/{id}/check'].post.responses['200'])).toContain(
      'ProbeResult',
    );
    expect(JSON.stringify(doc.paths['/api/v1/monitors/{id}'].get.responses['200'])).toContain('Monitor');
  });
});
