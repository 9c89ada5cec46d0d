import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { uptimeWindows } from '../../reads/uptime-windows.js';
import { incidents, maintenanceOccurrences, monitorState } from '../../schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from '../../test-support/database-kinds.js';
import {
  endMaintenanceWindow,
  expandMaintenanceWindows,
  inMaintenance,
  insertMaintenanceWindow,
  listMaintenanceWindows,
} from './maintenance-windows.js';

const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('maintenance windows on %s', (kind) => {
  const db = useDatabase(kind);

  it('stores a recurring window a horizon ahead, never before now, and the leader extends it', async () => {
    const org = await createOrganization(db());
    const monitor = await createMonitor(db(), org);
    const now = new Date('2026-03-25T12:00:00Z');
    const id = await insertMaintenanceWindow(
      db(),
      {
        organizationId: org,
        monitorId: monitor,
        title: 'weekly',
        localStart: '2026-03-01T02:30',
        timeZone: 'Europe/Berlin',
        durationMs: HOUR,
        rrule: 'FREQ=WEEKLY;BYDAY=SU',
      },
      now,
    );
    const [view] = await listMaintenanceWindows(db(), org, monitor, now);
    expect(view?.id).toBe(id);
    // 29 March is the night Berlin's clocks spring forward: 02:30 is read as 03:30 summer time.
    expect(view?.occurrences.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-04-05T00:30:00.000Z',
      '2026-04-12T00:30:00.000Z',
      '2026-04-19T00:30:00.000Z',
      '2026-04-26T00:30:00.000Z',
    ]);
    const stored = await db()
      .select()
      .from(maintenanceOccurrences)
      .where(eq(maintenanceOccurrences.windowId, id));
    expect(stored.every((row) => row.startsAt >= now)).toBe(true);
    expect(stored).toHaveLength(5);
    expect(await expandMaintenanceWindows(db(), now)).toBe(0);
    expect(await expandMaintenanceWindows(db(), new Date(now.getTime() + 14 * 24 * HOUR))).toBe(1);
    const extended = await db()
      .select()
      .from(maintenanceOccurrences)
      .where(eq(maintenanceOccurrences.windowId, id));
    expect(extended).toHaveLength(7);
  });

  it('answers whether a moment is in maintenance, for the monitor and the whole organisation, and ends early', async () => {
    const org = await createOrganization(db());
    const other = await createOrganization(db(), 'other');
    const monitor = await createMonitor(db(), org);
    const sibling = await createMonitor(db(), org);
    const stranger = await createMonitor(db(), other);
    const now = new Date('2026-06-01T10:00:00Z');
    const own = await insertMaintenanceWindow(
      db(),
      {
        organizationId: org,
        monitorId: monitor,
        title: 'own',
        localStart: '2026-06-01T10:00',
        timeZone: 'UTC',
        durationMs: HOUR,
        rrule: null,
      },
      now,
    );
    const at = new Date('2026-06-01T10:30:00Z');
    expect(await inMaintenance(db(), { id: monitor, organizationId: org }, at)).toBe(true);
    expect(await inMaintenance(db(), { id: sibling, organizationId: org }, at)).toBe(false);
    await insertMaintenanceWindow(
      db(),
      {
        organizationId: org,
        monitorId: null,
        title: 'all',
        localStart: '2026-06-01T12:00',
        timeZone: 'UTC',
        durationMs: HOUR,
        rrule: null,
      },
      now,
    );
    const noon = new Date('2026-06-01T12:10:00Z');
    expect(await inMaintenance(db(), { id: sibling, organizationId: org }, noon)).toBe(true);
    expect(await inMaintenance(db(), { id: stranger, organizationId: other }, noon)).toBe(false);
    expect(await endMaintenanceWindow(db(), other, own, at, false)).toBe(false);
    expect(await endMaintenanceWindow(db(), org, own, at, false)).toBe(true);
    expect(
      await inMaintenance(db(), { id: monitor, organizationId: org }, new Date('2026-06-01T10:45:00Z')),
    ).toBe(false);
    expect(await listMaintenanceWindows(db(), org, monitor, at)).toHaveLength(1);
  });

  it('leaves maintenance time out of uptime', async () => {
    const org = await createOrganization(db());
    const monitor = await createMonitor(db(), org);
    const now = new Date('2026-07-01T12:00:00Z');
    await db()
      .insert(monitorState)
      .values({ monitorId: monitor, firstCheckedAt: new Date('2026-06-30T00:00:00Z') });
    await db()
      .insert(incidents)
      .values({
        organizationId: org,
        monitorId: monitor,
        kind: 'down',
        startedAt: new Date('2026-07-01T09:00:00Z'),
        endedAt: new Date('2026-07-01T11:00:00Z'),
        regions: ['eu-west'],
      });
    const before = await uptimeWindows(db(), monitor, now);
    expect(before.windows['24h'].downtimeMs).toBe(2 * HOUR);
    await insertMaintenanceWindow(
      db(),
      {
        organizationId: org,
        monitorId: null,
        title: 'w',
        localStart: '2026-07-01T08:00',
        timeZone: 'UTC',
        durationMs: 2 * HOUR,
        rrule: null,
      },
      new Date('2026-07-01T07:00:00Z'),
    );
    const after = await uptimeWindows(db(), monitor, now);
    expect(after.windows['24h']).toMatchObject({
      monitoredMs: 22 * HOUR,
      downtimeMs: HOUR,
      uptime: 1 - 1 / 22,
    });
  });
});
