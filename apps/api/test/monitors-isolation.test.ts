import { randomBytes } from 'node:crypto';
import { apiKeys, monitorPauses, monitors, queryRows } from '@mcpulse/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/auth/tokens.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let owner: Caller;
let stranger: Caller;
let monitorId: string;
const changed: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ onMonitorChanged: (id) => void changed.push(id) });
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/monitors',
    headers: owner.headers,
    payload: {
      name: 'Owned',
      url: 'http://127.0.0.1:9/mcp',
      headers: { Authorization: 'Bearer owner-only' },
    },
  });
  monitorId = created.json().monitor.id;
});
afterAll(async () => t?.close());

async function insertApiKey(caller: Caller, scope: 'read' | 'write'): Promise<Record<string, string>> {
  const token = `mcpk_${randomBytes(32).toString('base64url')}`;
  await t.database.handle.db.insert(apiKeys).values({
    organizationId: caller.organizationId,
    name: `${scope} key`,
    prefix: token.slice(0, 13),
    keyHash: sha256(token),
    scope,
  });
  return { authorization: `Bearer ${token}` };
}

async function snapshot(): Promise<string> {
  const rows = await queryRows(
    t.database.handle.db,
    sql`select m.*, s.status as state_status from monitors m left join monitor_state s on s.monitor_id = m.id
        where m.id = ${monitorId}`,
  );
  const pauses = await t.database.handle.db
    .select()
    .from(monitorPauses)
    .where(eq(monitorPauses.monitorId, monitorId));
  return JSON.stringify({ rows, pauses });
}

describe('organisation isolation', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/pause'],
    ['POST', '/resume'],
    ['POST', '/check'],
  ] as const)(
    'answers %s %s on another organisation’s monitor exactly like a missing one',
    async (method, suffix) => {
      const before = await snapshot();
      changed.length = 0;
      const payload =
        method === 'PATCH' ? { name: 'Hijacked', headers: { Authorization: '••••••' } } : undefined;
      const theirs = await t.app.inject({
        method,
        url: `/api/v1/monitors/${monitorId}${suffix}`,
        headers: stranger.headers,
        ...(payload ? { payload } : {}),
      });
      const missing = await t.app.inject({
        method,
        url: `/api/v1/monitors/00000000-0000-4000-8000-000000000000${suffix}`,
        headers: stranger.headers,
        ...(payload ? { payload } : {}),
      });
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toEqual(missing.json());
      expect(await snapshot()).toBe(before);
      expect(changed).toEqual([]);
    },
  );

  it('never lists another organisation’s monitors', async () => {
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: stranger.headers });
    expect(theirs.json()).toEqual({ monitors: [] });
    const searched = await t.app.inject({
      method: 'GET',
      url: '/api/v1/monitors?search=Owned',
      headers: stranger.headers,
    });
    expect(searched.json()).toEqual({ monitors: [] });
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: owner.headers });
    expect(mine.json().monitors.map((m: { id: string }) => m.id)).toEqual([monitorId]);
  });

  it('requires authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/monitors' })).statusCode).toBe(401);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      payload: { name: 'x', url: 'https://example.com/mcp' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('API keys', () => {
  it('lets a read-scoped key list and read, but not create, change or probe', async () => {
    const read = await insertApiKey(owner, 'read');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: read });
    expect(list.statusCode).toBe(200);
    expect(list.json().monitors).toHaveLength(1);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/monitors/${monitorId}`, headers: read })).statusCode,
    ).toBe(200);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: read,
      payload: { name: 'By a read key', url: 'https://example.com/mcp' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
    for (const [method, suffix] of [
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/pause'],
      ['POST', '/check'],
    ] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/v1/monitors/${monitorId}${suffix}`,
        headers: read,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(response.statusCode, `${method} ${suffix}`).toBe(403);
    }
    const [row] = await t.database.handle.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(row?.name).toBe('Owned');
  });

  it('lets a write-scoped key create in its own organisation', async () => {
    const write = await insertApiKey(stranger, 'write');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: write,
      payload: { name: 'From CI', url: 'https://ci.example.com/mcp' },
    });
    expect(create.statusCode, create.body).toBe(201);
    const [row] = await t.database.handle.db
      .select({ organizationId: monitors.organizationId })
      .from(monitors)
      .where(eq(monitors.id, create.json().monitor.id));
    expect(row?.organizationId).toBe(stranger.organizationId);
  });
});
