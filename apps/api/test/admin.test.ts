import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const TOKEN = randomBytes(32).toString('hex');
const operator = { authorization: `Bearer ${TOKEN}` };

function createMonitor(t: TestApp, caller: Caller, name: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/monitors',
    headers: caller.headers,
    payload: { name, url: 'https://plans.example.com/mcp' },
  });
}

function setPlan(
  t: TestApp,
  organizationId: string,
  plan: unknown,
  headers: Record<string, string> = operator,
) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/organizations/${organizationId}/plan`,
    headers,
    payload: { plan },
  });
}

describe('operator routes', () => {
  let t: TestApp;
  let owner: Caller;
  let ownerEmail: string;

  beforeAll(async () => {
    t = await createTestApp({ adminToken: TOKEN });
    ownerEmail = `Plans-${randomBytes(4).toString('hex')}@Example.com`;
    owner = await signUpUser(t.app, ownerEmail);
  });
  afterAll(async () => t?.close());

  it('answers only the operator token: not a session, not an API key, not a wrong token', async () => {
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'ci', scope: 'write' },
    });
    const secret = key.json<{ secret: string }>().secret;
    for (const headers of [
      {},
      owner.headers,
      { authorization: `Bearer ${secret}` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: TOKEN },
    ]) {
      const response = await setPlan(t, owner.organizationId, 'team', headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: owner.headers });
    expect(account.json().organization.plan).toBe('free');
  });

  it('finds an organisation by a member’s e-mail, in any case, with plan, usage and members', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/organizations?email=${encodeURIComponent(ownerEmail.toUpperCase())}`,
      headers: operator,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([
      {
        id: owner.organizationId,
        name: expect.any(String),
        plan: 'free',
        createdAt: expect.any(String),
        usage: { monitors: 0, monitorQuota: 5 },
        members: [{ email: ownerEmail.toLowerCase(), role: 'owner' }],
      },
    ]);
    const nobody = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/organizations?email=nobody@example.com',
      headers: operator,
    });
    expect(nobody.json().data).toEqual([]);
  });

  it('raises the quota when the plan goes up', async () => {
    for (let i = 1; i <= 5; i += 1) expect((await createMonitor(t, owner, `m${i}`)).statusCode).toBe(201);
    expect((await createMonitor(t, owner, 'm6')).statusCode).toBe(403);

    const changed = await setPlan(t, owner.organizationId, 'author');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ plan: 'author', usage: { monitors: 5, monitorQuota: 25 } });

    expect((await createMonitor(t, owner, 'm6')).statusCode).toBe(201);
    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: owner.headers });
    expect(account.json()).toMatchObject({
      organization: { plan: 'author' },
      usage: { monitors: 6, monitorQuota: 25 },
    });
  });

  it('refuses a plan smaller than what the organisation runs, naming the numbers, and changes nothing', async () => {
    const refused = await setPlan(t, owner.organizationId, 'free');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'quota_exceeded', limit: 5 });
    expect(refused.json().error.message).toContain('6 monitors');

    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/organizations/${owner.organizationId}`,
      headers: operator,
    });
    expect(after.json()).toMatchObject({ plan: 'author', usage: { monitors: 6, monitorQuota: 25 } });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: owner.headers });
    const last = list
      .json<{ monitors: Array<{ id: string; name: string }> }>()
      .monitors.find((m) => m.name === 'm6');
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/monitors/${last?.id}`,
      headers: owner.headers,
    });
    expect(deleted.statusCode).toBe(204);
    const downgraded = await setPlan(t, owner.organizationId, 'free');
    expect(downgraded.statusCode).toBe(200);
    expect(downgraded.json()).toMatchObject({ plan: 'free', usage: { monitors: 5, monitorQuota: 5 } });
  });

  it('answers 400 naming the field for an unknown plan, and 404 for an unknown organisation', async () => {
    const invalid = await setPlan(t, owner.organizationId, 'enterprise');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'validation_failed', field: 'plan' });

    const missing = await setPlan(t, '00000000-0000-4000-8000-000000000000', 'team');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});

describe('operator routes without a token configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('do not exist', async () => {
    const caller = await signUpUser(t.app);
    const response = await setPlan(t, caller.organizationId, 'team', { authorization: 'Bearer anything' });
    expect(response.statusCode).toBe(404);
  });
});
