import { incidents, monitorState } from '@mcpulse/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;
let clock = new Date('2026-03-25T12:00:00Z');
let t: TestApp;
let owner: Caller;
let stranger: Caller;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
});
afterAll(async () => t?.close());

interface WindowBody {
  id: string;
  monitorId: string | null;
  title: string;
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
  occurrences: Array<{ id: string; startsAt: string; endsAt: string }>;
}

const create = (caller: Caller, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/maintenance-windows', headers: caller.headers, payload });
const list = async (caller: Caller, monitorId?: string) => {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/maintenance-windows${monitorId ? `?monitorId=${monitorId}` : ''}`,
    headers: caller.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ windows: WindowBody[] }>().windows;
};
const end = (caller: Caller, id: string, cancel = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/maintenance-windows/${id}/end${cancel ? '?cancel=true' : ''}`,
    headers: caller.headers,
  });

describe('maintenance windows API', () => {
  it('schedules a recurring window in the owner zone, its occurrences following Berlin across the DST change', async () => {
    const monitorId = await insertMonitor(t.database.handle.db, owner.organizationId);
    const response = await create(owner, {
      monitorId,
      title: 'Sunday <b>upgrade</b>',
      localStart: '2026-03-01T02:30',
      timeZone: 'Europe/Berlin',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<WindowBody>();
    expect(created).toMatchObject({
      monitorId,
      title: 'Sunday <b>upgrade</b>',
      timeZone: 'Europe/Berlin',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
    });
    expect(created.occurrences.slice(0, 2)).toEqual([
      { id: expect.any(String), startsAt: '2026-03-29T01:30:00.000Z', endsAt: '2026-03-29T02:30:00.000Z' },
      { id: expect.any(String), startsAt: '2026-04-05T00:30:00.000Z', endsAt: '2026-04-05T01:30:00.000Z' },
    ]);
    expect((await list(owner, monitorId)).map((window) => window.id)).toEqual([created.id]);
    // Another organisation sees nothing of it and cannot end it.
    expect(await list(stranger)).toEqual([]);
    expect((await end(stranger, created.id)).statusCode).toBe(404);
    expect(
      (await create(stranger, { monitorId, title: 'x', startNow: true, durationMinutes: 5 })).statusCode,
    ).toBe(404);
    // Cancelled: it leaves the list, its future occurrences go.
    expect((await end(owner, created.id, true)).statusCode).toBe(204);
    expect(await list(owner, monitorId)).toEqual([]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/maintenance-windows', '/api/v1/maintenance-windows/{id}/end']),
    );
    expect(doc.components.schemas.MaintenanceWindow.properties.occurrences).toBeDefined();
  });

  it('answers 400 naming the field it refuses', async () => {
    const base = { title: 'w', localStart: '2026-04-01T10:00', timeZone: 'UTC', durationMinutes: 30 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...base, localStart: '2026-02-30T10:00' }, 'localStart'],
      [{ ...base, localStart: undefined }, 'localStart'],
      [{ ...base, rrule: 'FREQ=MINUTELY' }, 'rrule'],
      [{ ...base, rrule: 'FREQ=WEEKLY;BYDAY=XX' }, 'rrule'],
      [{ ...base, durationMinutes: 0 }, 'durationMinutes'],
      [{ ...base, title: '' }, 'title'],
      [{ ...base, monitorId: 'nope' }, 'monitorId'],
      [{ ...base, startNow: true }, 'localStart'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('starts a window now for the whole organisation and ends it early', async () => {
    const response = await create(owner, {
      title: 'hotfix',
      startNow: true,
      timeZone: 'Asia/Tokyo',
      durationMinutes: 90,
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<WindowBody>();
    expect(created).toMatchObject({ monitorId: null, localStart: '2026-03-25T21:00', rrule: null });
    expect(created.occurrences).toEqual([
      {
        id: expect.any(String),
        startsAt: clock.toISOString(),
        endsAt: new Date(clock.getTime() + 90 * MINUTE).toISOString(),
      },
    ]);
    clock = new Date(clock.getTime() + 10 * MINUTE);
    expect((await end(owner, created.id)).statusCode).toBe(204);
    expect((await list(owner)).find((window) => window.id === created.id)).toBeUndefined();
    clock = new Date('2026-03-25T12:00:00Z');
  });

  it('leaves maintenance time out of the uptime every surface shows', async () => {
    const db = t.database.handle.db;
    const id = await insertMonitor(db, owner.organizationId, { isPublic: true });
    await db
      .insert(monitorState)
      .values({ monitorId: id, status: 'up', firstCheckedAt: new Date('2026-03-24T12:00:00Z') });
    clock = new Date('2026-03-25T09:00:00Z');
    const window = await create(owner, {
      monitorId: id,
      title: 'migration',
      localStart: '2026-03-25T10:00',
      timeZone: 'UTC',
      durationMinutes: 60,
    });
    expect(window.statusCode, window.body).toBe(201);
    await db.insert(incidents).values({
      organizationId: owner.organizationId,
      monitorId: id,
      kind: 'down',
      startedAt: new Date('2026-03-25T10:30:00Z'),
      endedAt: new Date('2026-03-25T11:30:00Z'),
      regions: ['eu-west'],
      maintenance: true,
    });
    clock = new Date('2026-03-25T12:00:00Z');
    const uptime = (
      await t.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}/uptime`, headers: owner.headers })
    ).json();
    const expected = { uptime: 1 - 30 / (23 * 60), monitoredMs: 23 * 60 * MINUTE, downtimeMs: 30 * MINUTE };
    expect(uptime.windows['24h']).toMatchObject(expected);
    const overview = (
      await t.app.inject({ method: 'GET', url: '/api/v1/overview', headers: owner.headers })
    ).json();
    expect(overview.monitors.find((m: { monitorId: string }) => m.monitorId === id).uptime24h).toBe(
      expected.uptime,
    );
    const status = (
      await t.app.inject({ method: 'GET', url: `/api/v1/public/monitors/${id}/status` })
    ).json();
    expect(JSON.stringify(status)).toContain(String(expected.uptime));
  });
});
