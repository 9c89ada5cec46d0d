import { monitors, organizations } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let probes = 0;
beforeAll(async () => {
  t = await createTestApp({
    probe: (options) => {
      probes += 1;
      return runProbe(options);
    },
  });
});
afterAll(async () => t?.close());

function createMonitor(caller: Caller, name: string, extra: object = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/monitors',
    headers: caller.headers,
    payload: { name, url: 'https://quota.example.com/mcp', ...extra },
  });
}

async function monitorsOf(caller: Caller): Promise<number> {
  const [row] = await t.database.handle.db
    .select({ n: count() })
    .from(monitors)
    .where(eq(monitors.organizationId, caller.organizationId));
  return row?.n ?? 0;
}

describe('plan quotas', () => {
  it('refuses the sixth monitor on the free plan and inserts nothing', async () => {
    const caller = await signUpUser(t.app);
    for (let i = 1; i <= 5; i += 1) expect((await createMonitor(caller, `m${i}`)).statusCode).toBe(201);
    const sixth = await createMonitor(caller, 'm6');
    expect(sixth.statusCode).toBe(403);
    expect(sixth.json().error).toMatchObject({ code: 'quota_exceeded', limit: 5 });
    expect(await monitorsOf(caller)).toBe(5);

    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: caller.headers });
    expect(account.json().usage).toEqual({ monitors: 5, monitorQuota: 5 });
  });

  it('refuses a full plan before running the probe', async () => {
    const caller = await signUpUser(t.app);
    for (let i = 1; i <= 5; i += 1) await createMonitor(caller, `m${i}`);
    const before = probes;
    const response = await createMonitor(caller, 'probed', { probeFirst: true });
    expect(response.statusCode).toBe(403);
    expect(probes).toBe(before);
  });

  it('reads the quota from the organisation’s plan, and frees a slot on delete', async () => {
    const caller = await signUpUser(t.app);
    for (let i = 1; i <= 5; i += 1) await createMonitor(caller, `m${i}`);
    await t.database.handle.db
      .update(organizations)
      .set({ plan: 'author' })
      .where(eq(organizations.id, caller.organizationId));
    expect((await createMonitor(caller, 'm6')).statusCode).toBe(201);

    await t.database.handle.db
      .update(organizations)
      .set({ plan: 'free' })
      .where(eq(organizations.id, caller.organizationId));
    const full = await createMonitor(caller, 'm7');
    expect(full.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: caller.headers });
    for (const monitor of list.json().monitors.slice(0, 2)) {
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/monitors/${monitor.id}`,
        headers: caller.headers,
      });
    }
    expect((await createMonitor(caller, 'm7')).statusCode).toBe(201);
  });

  it('lets exactly the quota through when creates race', async () => {
    const caller = await signUpUser(t.app);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createMonitor(caller, `racer ${i}`)),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 403, 403, 403, 403, 403]);
    expect(await monitorsOf(caller)).toBe(5);
  });
});
