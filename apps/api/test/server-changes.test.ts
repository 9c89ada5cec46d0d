import { computeSchemaHash, type Tool } from '@mcpulse/core';
import { STORABLE_LIMITS } from '@mcpulse/core/domain';
import { events, monitorReleases, schemaSnapshots } from '@mcpulse/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const LEGACY = { era: 'legacy', protocolVersion: '2025-11-25', transport: 'streamable-http' } as const;
const MODERN = { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' } as const;
const TOOLS: Tool[] = [{ name: 'search', inputSchema: { type: 'object' } }];
/** The same tool as the 2026-07-28 listing gives it: a field fewer, another hash. */
const MODERN_TOOLS: Tool[] = [{ name: 'search', inputSchema: { type: 'object', properties: {} } }];
/** A version a hostile server chose, as long as the storable boundary lets it be. */
const HOSTILE = `<script>alert(1)</script>${'x'.repeat(STORABLE_LIMITS.serverFieldChars - 25)}`;

let t: TestApp;
let owner: Caller;
let stranger: Caller;
let monitorId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
  const db = t.database.handle.db;
  monitorId = await insertMonitor(db, owner.organizationId);
  const [from, to] = [computeSchemaHash(TOOLS), computeSchemaHash(MODERN_TOOLS)];
  await db.insert(schemaSnapshots).values([
    { monitorId, hash: from, tools: TOOLS, toolCount: 1, sizeBytes: 64 },
    { monitorId, hash: to, tools: MODERN_TOOLS, toolCount: 1, sizeBytes: 64 },
  ]);
  const base = { organizationId: owner.organizationId, monitorId };
  const [protocol, drift] = await db
    .insert(events)
    .values([
      {
        ...base,
        type: 'protocol.changed',
        occurredAt: new Date('2026-11-26T10:02:00Z'),
        dedupeKey: `${monitorId}:protocol`,
        payload: {
          from: LEGACY,
          to: MODERN,
          changed: ['era', 'protocolVersion'],
          firstSeenAt: '2026-11-26T10:01:00.000Z',
        },
      },
      {
        ...base,
        type: 'schema.drift',
        occurredAt: new Date('2026-11-26T10:02:00Z'),
        dedupeKey: `${monitorId}:drift`,
        payload: { fromHash: from, toHash: to, protocolChange: { from: LEGACY, to: MODERN } },
      },
    ])
    .returning({ id: events.id });
  const [release, hostile] = await db
    .insert(monitorReleases)
    .values([
      {
        monitorId,
        occurredAt: new Date('2026-11-26T10:02:00Z'),
        firstSeenAt: new Date('2026-11-26T10:01:00Z'),
        serverName: 'docs',
        fromVersion: '1.4.1',
        toVersion: '1.4.2',
        dedupeKey: `${monitorId}:release:1`,
      },
      {
        monitorId,
        occurredAt: new Date('2026-11-26T11:00:00Z'),
        firstSeenAt: new Date('2026-11-26T10:59:00Z'),
        serverName: null,
        fromVersion: '1.4.2',
        toVersion: HOSTILE,
        dedupeKey: `${monitorId}:release:2`,
      },
    ])
    .returning({ id: monitorReleases.id });
  Object.assign(ids, {
    protocol: protocol!.id,
    drift: drift!.id,
    release: release!.id,
    hostile: hostile!.id,
  });
});
afterAll(async () => t?.close());

const get = (url: string, caller: Caller = owner) =>
  t.app.inject({ method: 'GET', url, headers: caller.headers });

describe('GET /api/v1/monitors/:id/changes', () => {
  it('lists releases, protocol changes and drifts newest first, a drift across a protocol change marked', async () => {
    const response = await get(`/api/v1/monitors/${monitorId}/changes`);
    expect(response.statusCode, response.body).toBe(200);
    const { items, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    // The release, the protocol change and the drift of 10:02 were confirmed by one check: ids break the tie.
    const kinds = items.map((item: { kind: string }) => item.kind);
    expect([kinds[0], kinds.slice(1).sort()]).toEqual([
      'release',
      ['protocol.changed', 'release', 'schema.drift'],
    ]);
    const protocol = items.find((item: { id: string }) => item.id === ids.protocol);
    expect(protocol).toEqual({
      kind: 'protocol.changed',
      id: ids.protocol,
      occurredAt: '2026-11-26T10:02:00.000Z',
      firstSeenAt: '2026-11-26T10:01:00.000Z',
      from: LEGACY,
      to: MODERN,
      changed: ['era', 'protocolVersion'],
    });
    expect(items.find((item: { id: string }) => item.id === ids.drift)).toMatchObject({
      kind: 'schema.drift',
      protocolChange: { from: LEGACY, to: MODERN },
      diff: { changed: [{ name: 'search' }] },
    });
    expect(items[0]).toEqual({
      kind: 'release',
      id: ids.hostile,
      occurredAt: '2026-11-26T11:00:00.000Z',
      firstSeenAt: '2026-11-26T10:59:00.000Z',
      serverName: null,
      fromVersion: '1.4.2',
      toVersion: HOSTILE,
    });
  });

  it('walks the timeline page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await get(`/api/v1/monitors/${monitorId}/changes?limit=1${query}`)).json();
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0].id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('names the field of a bad query, and answers another organisation like a missing monitor', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=bm9wZQ', 'cursor'],
    ]) {
      const response = await get(`/api/v1/monitors/${monitorId}/changes?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toMatchObject({ field });
    }
    const foreign = await get(`/api/v1/monitors/${monitorId}/changes`, stranger);
    const missing = await get(`/api/v1/monitors/${crypto.randomUUID()}/changes`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });
});

describe('GET /api/v1/monitors/:id/releases', () => {
  it('lists release markers newest first, within a window when asked', async () => {
    const all = (await get(`/api/v1/monitors/${monitorId}/releases`)).json();
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([ids.hostile, ids.release]);
    const early = await get(
      `/api/v1/monitors/${monitorId}/releases?from=2026-11-26T10:00:00Z&to=2026-11-26T10:30:00Z`,
    );
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json()).toEqual({
      items: [
        {
          id: ids.release,
          occurredAt: '2026-11-26T10:02:00.000Z',
          firstSeenAt: '2026-11-26T10:01:00.000Z',
          serverName: 'docs',
          fromVersion: '1.4.1',
          toVersion: '1.4.2',
        },
      ],
      nextCursor: null,
    });
  });

  it('names the field of a bad window, and hides another organisation', async () => {
    const bad = await get(`/api/v1/monitors/${monitorId}/releases?from=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'from' });
    expect((await get(`/api/v1/monitors/${monitorId}/releases`, stranger)).statusCode).toBe(404);
  });
});

describe('the drift history and the API description', () => {
  it('reads the protocol change a drift happened across in /drift too', async () => {
    const drift = (await get(`/api/v1/monitors/${monitorId}/drift`)).json();
    expect(drift.items).toMatchObject([{ id: ids.drift, protocolChange: { from: LEGACY, to: MODERN } }]);
  });

  it('describes both routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/monitors/{id}/changes', '/api/v1/monitors/{id}/releases']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Protocol', 'ProtocolChange', 'Release', 'SchemaDrift']),
    );
  });
});
