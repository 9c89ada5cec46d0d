import { createHash } from 'node:crypto';
import { apiKeys, queryRows } from '@mcpulse/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let owner: Caller;
let stranger: Caller;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
});
afterAll(async () => t?.close());

interface ApiKeyBody {
  id: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function createKey(caller: Caller, name: string, scope: 'read' | 'write') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: caller.headers,
    payload: { name, scope },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ apiKey: ApiKeyBody; secret: string }>();
}

async function listKeys(caller: Caller): Promise<ApiKeyBody[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: caller.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ apiKeys: ApiKeyBody[] }>().apiKeys;
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API keys', () => {
  it('creates a key whose secret is shown once and whose list entry shows only the prefix', async () => {
    const { apiKey, secret } = await createKey(owner, '  CI deploy gate ', 'read');
    expect(secret).toMatch(/^mcpk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: 'CI deploy gate',
      prefix: secret.slice(0, 'mcpk'.length + 9),
      scope: 'read',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(Number.isNaN(Date.parse(apiKey.createdAt))).toBe(false);
    const listed = await listKeys(owner);
    expect(listed.find((key) => key.id === apiKey.id)).toEqual(apiKey);
    const raw = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: owner.headers });
    expect(raw.body).not.toContain(secret);
    expect(raw.body).not.toContain('keyHash');
  });

  it('never stores the secret, only its SHA-256', async () => {
    const { apiKey, secret } = await createKey(owner, 'storage check', 'write');
    const rows = await queryRows<Record<string, unknown>>(
      t.options.db,
      sql`select * from api_keys where id = ${apiKey.id}`,
    );
    expect(rows).toHaveLength(1);
    const row = JSON.stringify(rows[0]);
    expect(row).not.toContain(secret);
    expect(row).not.toContain(secret.slice(5));
    const [stored] = await t.options.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(stored?.keyHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(stored?.prefix).toBe(apiKey.prefix);
  });

  it('lists newest first, scoped to the organisation', async () => {
    const first = await createKey(owner, 'older', 'read');
    const second = await createKey(owner, 'newer', 'read');
    const ids = (await listKeys(owner)).map((key) => key.id);
    expect(ids.indexOf(second.apiKey.id)).toBeLessThan(ids.indexOf(first.apiKey.id));
    const theirs = await listKeys(stranger);
    expect(theirs.map((key) => key.id)).not.toContain(first.apiKey.id);
  });

  it('authenticates reads with any scope and writes with write scope only', async () => {
    const reader = await createKey(owner, 'reader', 'read');
    const writer = await createKey(owner, 'writer', 'write');

    for (const { secret } of [reader, writer]) {
      const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer(secret) });
      expect(account.statusCode).toBe(200);
      expect(account.json()).toMatchObject({ organization: { id: owner.organizationId }, user: null });
    }

    const readerWrites = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(reader.secret),
    });
    expect(readerWrites.statusCode).toBe(403);
    expect(readerWrites.json().error.code).toBe('forbidden');

    const writerWrites = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(writer.secret),
    });
    expect(writerWrites.statusCode).toBe(204);
  });

  it('records when a key was last used', async () => {
    const { apiKey, secret } = await createKey(owner, 'usage', 'read');
    const before = (await listKeys(owner)).find((key) => key.id === apiKey.id);
    expect(before?.lastUsedAt).toBeNull();
    // A path with no route looks nothing up: the key is not even read.
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/no-such-route',
      headers: bearer(secret),
    });
    expect(missing.statusCode).toBe(404);
    expect((await listKeys(owner)).find((key) => key.id === apiKey.id)?.lastUsedAt).toBeNull();
    await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer(secret) });
    const after = (await listKeys(owner)).find((key) => key.id === apiKey.id);
    expect(after?.lastUsedAt).not.toBeNull();
    expect(Date.parse(after?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(apiKey.createdAt) - 1000);
  });

  it('revokes a key, which stops authenticating at once and stays listed as revoked', async () => {
    const { apiKey, secret } = await createKey(owner, 'to revoke', 'write');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer(secret) })).statusCode,
    ).toBe(200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: owner.headers,
    });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    const rejected = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer(secret) });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().error.code).toBe('unauthenticated');
    const listed = (await listKeys(owner)).find((key) => key.id === apiKey.id);
    expect(listed?.revokedAt).not.toBeNull();
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: owner.headers,
    });
    expect(again.statusCode).toBe(204);
  });

  it("answers another organisation's key exactly like a missing one", async () => {
    const { apiKey, secret } = await createKey(owner, 'private', 'read');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: stranger.headers,
    });
    const missing = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000',
      headers: stranger.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer(secret) })).statusCode,
    ).toBe(200);
    expect((await listKeys(owner)).find((key) => key.id === apiKey.id)?.revokedAt).toBeNull();
  });

  it('lets only a signed-in person manage keys, never a key', async () => {
    const { apiKey, secret } = await createKey(owner, 'machine', 'write');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(secret),
      payload: { name: 'minted by a key', scope: 'write' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(secret),
      payload: { name: '' },
    });
    expect(invalid.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(secret) });
    expect(list.statusCode).toBe(403);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: bearer(secret),
    });
    expect(revoke.statusCode).toBe(403);
    expect((await listKeys(owner)).map((key) => key.name)).not.toContain('minted by a key');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'anon', scope: 'read' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it.each([
    [{ name: '', scope: 'read' }, 'name'],
    [{ name: '   ', scope: 'read' }, 'name'],
    [{ name: 'x'.repeat(101), scope: 'read' }, 'name'],
    [{ name: 'ok', scope: 'admin' }, 'scope'],
    [{ name: 'ok' }, 'scope'],
  ])('answers invalid input with 400 naming the field', async (payload, field) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers a malformed id with 400', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/api-keys/not-a-uuid',
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(400);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/api-keys', '/api/v1/api-keys/{id}']),
    );
    expect(doc.paths['/api/v1/api-keys'].post.requestBody).toBeDefined();
  });
});
