import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertResults } from '../results/insert-results.js';
import type { NewResult } from '../results/result-row.js';
import { incidents, monitorPauses, monitorState, monitors } from '../schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from '../test-support/database-kinds.js';
import { minutes, resultRow } from '../test-support/result-rows.js';
import { latencyWindows } from './latency-windows.js';
import { monitorsOverview } from './monitors-overview.js';
import { WINDOW_MS, WINDOW_NAMES, type WindowName } from './rollup-ranges.js';
import { UPTIME_DAYS, uptimeWindows } from './uptime-windows.js';

/** Neither hour- nor day-aligned, so every window has edge minutes, edge hours and (from 7 d) whole days. */
const NOW = new Date('2026-11-26T12:34:00Z');
const inRange = (slot: Date, from: string, to: string) => slot >= new Date(from) && slot < new Date(to);

/**
 * The seeded history of one monitor (hand-counted figures are in the tests):
 * - today 11:00–12:33 every minute in three regions, ap-south 30 s into each minute;
 *   eu-west down 11:30–11:39 and degraded 12:00–12:04, us-east down 12:30–12:33,
 *   ap-south down once at 11:34:30;
 * - eu-west yesterday 12:00–12:59, down until 12:33: the 24 h edge cuts it at 12:34;
 * - eu-west hourly and degraded all of 2026-11-20: whole days inside 7 d;
 * - single results either side of the 7 d, 30 d and 90 d edges.
 * Paused stretches are simply the gaps: no checks ran then.
 */
function seed(monitorId: string): NewResult[] {
  const rows: NewResult[] = [];
  let i = 0;
  const add = (region: string, slot: Date, status: 'up' | 'degraded' | 'down') => {
    i += 1;
    const totalMs =
      status === 'up' ? 20 + ((i * 37) % 400) : status === 'degraded' ? 1200 + ((i * 13) % 800) : 10_000;
    rows.push(resultRow(monitorId, region, slot, status, totalMs));
  };
  for (const slot of minutes('2026-11-26T11:00:00Z', '2026-11-26T12:34:00Z')) {
    const euDown = inRange(slot, '2026-11-26T11:30:00Z', '2026-11-26T11:40:00Z');
    const euSlow = inRange(slot, '2026-11-26T12:00:00Z', '2026-11-26T12:05:00Z');
    add('eu-west', slot, euDown ? 'down' : euSlow ? 'degraded' : 'up');
    add('us-east', slot, inRange(slot, '2026-11-26T12:30:00Z', '2026-11-26T12:34:00Z') ? 'down' : 'up');
  }
  for (const slot of minutes('2026-11-26T11:00:00Z', '2026-11-26T12:34:00Z', 30)) {
    add('ap-south', slot, slot.toISOString() === '2026-11-26T11:34:30.000Z' ? 'down' : 'up');
  }
  for (const slot of minutes('2026-11-25T12:00:00Z', '2026-11-25T13:00:00Z')) {
    add('eu-west', slot, slot < new Date('2026-11-25T12:34:00Z') ? 'down' : 'up');
  }
  for (let hour = 0; hour < 24; hour++) add('eu-west', new Date(Date.UTC(2026, 10, 20, hour)), 'degraded');
  add('eu-west', new Date('2026-11-19T12:00:00Z'), 'down');
  add('eu-west', new Date('2026-11-19T13:00:00Z'), 'up');
  add('us-east', new Date('2026-10-27T12:33:00Z'), 'down');
  add('us-east', new Date('2026-10-27T12:34:00Z'), 'up');
  add('us-east', new Date('2026-08-28T12:33:00Z'), 'down');
  add('us-east', new Date('2026-08-28T12:34:00Z'), 'up');
  return rows;
}

const MINUTE = 60_000;

/** The confirmed incidents of the seeded history, one still open. */
function seedIncidents(organizationId: string, monitorId: string) {
  const incident = (kind: 'down' | 'degraded', from: string, to: string | null) => ({
    organizationId,
    monitorId,
    kind,
    startedAt: new Date(from),
    endedAt: to === null ? null : new Date(to),
    regions: ['eu-west'],
  });
  return [
    incident('down', '2026-11-25T12:00:00Z', '2026-11-25T12:40:00Z'),
    incident('down', '2026-11-26T11:30:00Z', '2026-11-26T11:40:00Z'),
    incident('degraded', '2026-11-26T12:00:00Z', '2026-11-26T12:05:00Z'),
    incident('down', '2026-11-26T12:30:00Z', null),
  ];
}

/** The nearest-rank quantile of raw values: what the histogram approximates. */
function exactPercentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

function expectWithin5Percent(actual: number | null, exact: number | null) {
  if (exact === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - exact) / exact).toBeLessThanOrEqual(0.05);
}

for (const kind of DATABASE_KINDS) {
  describe(`uptime, latency and overview on ${kind}`, () => {
    const db = useDatabase(kind);
    let org: string;
    let monitorId: string;
    let quietId: string;
    let rows: NewResult[];
    beforeAll(async () => {
      org = await createOrganization(db());
      monitorId = await createMonitor(db(), org, { name: 'alpha' });
      quietId = await createMonitor(db(), org, { name: 'beta' });
      const stranger = await createMonitor(db(), await createOrganization(db(), 'other'), { name: 'aaa' });
      rows = seed(monitorId);
      await insertResults(db(), rows);
      await insertResults(db(), [resultRow(stranger, 'eu-west', '2026-11-26T12:00:00Z', 'down')]);
      await db()
        .insert(monitorState)
        .values({
          monitorId,
          status: 'up',
          since: new Date('2026-11-26T12:05:00Z'),
          lastCheckedAt: new Date('2026-11-26T12:33:31.500Z'),
          firstCheckedAt: new Date('2026-08-28T12:33:02Z'),
        });
      await db().insert(incidents).values(seedIncidents(org, monitorId));
      await db()
        .insert(monitorPauses)
        .values({
          monitorId,
          startedAt: new Date('2026-11-22T00:00:00Z'),
          endedAt: new Date('2026-11-23T00:00:00Z'),
        });
    });

    it('counts the checks of every window and region, cutting windows at unaligned edges', async () => {
      const { windows } = await uptimeWindows(db(), monitorId, NOW);
      const counts = (label: WindowName) => ({
        checks: windows[label].checks,
        regionChecks: windows[label].regionChecks,
      });
      expect(counts('1h')).toEqual({
        checks: { total: 180, up: 164, degraded: 5, down: 11 },
        regionChecks: {
          'eu-west': { total: 60, up: 49, degraded: 5, down: 6 },
          'us-east': { total: 60, up: 56, degraded: 0, down: 4 },
          'ap-south': { total: 60, up: 59, degraded: 0, down: 1 },
        },
      });
      expect(counts('24h')).toEqual({
        checks: { total: 308, up: 288, degraded: 5, down: 15 },
        regionChecks: {
          'eu-west': { total: 120, up: 105, degraded: 5, down: 10 },
          'us-east': { total: 94, up: 90, degraded: 0, down: 4 },
          'ap-south': { total: 94, up: 93, degraded: 0, down: 1 },
        },
      });
      expect(windows['7d'].checks).toEqual({ total: 367, up: 289, degraded: 29, down: 49 });
      expect(windows['7d'].regionChecks['eu-west']).toEqual({ total: 179, up: 106, degraded: 29, down: 44 });
      expect(windows['30d'].checks).toEqual({ total: 369, up: 290, degraded: 29, down: 50 });
      expect(windows['90d'].checks).toEqual({ total: 371, up: 291, degraded: 29, down: 51 });
      expect(windows['90d'].regionChecks['us-east']).toEqual({ total: 97, up: 92, degraded: 0, down: 5 });
    });

    it('agrees with counting the raw results of every window and region', async () => {
      const { windows } = await uptimeWindows(db(), monitorId, NOW);
      for (const label of WINDOW_NAMES) {
        const from = new Date(NOW.getTime() - WINDOW_MS[label]);
        const inside = rows.filter((row) => row.slot >= from && row.slot < NOW);
        for (const region of ['eu-west', 'us-east', 'ap-south']) {
          const own = inside.filter((row) => row.region === region);
          const down = own.filter((row) => row.status === 'down').length;
          expect(windows[label].regionChecks[region], `${label} ${region}`).toMatchObject({
            total: own.length,
            down,
          });
        }
      }
    });

    it('counts the current, partial minute: a moment before 12:34 counts checks like 12:34', async () => {
      const later = await uptimeWindows(db(), monitorId, NOW);
      const before = await uptimeWindows(db(), monitorId, new Date('2026-11-26T12:33:20Z'));
      for (const label of WINDOW_NAMES) {
        expect(before.windows[label].regionChecks).toEqual(later.windows[label].regionChecks);
      }
      const earlier = await uptimeWindows(db(), monitorId, new Date('2026-11-26T12:33:00Z'));
      expect(earlier.windows['1h'].regionChecks['us-east']).toMatchObject({ total: 60, down: 3 });
    });

    it('gives uptime from monitored time and confirmed incidents, not from the share of checks', async () => {
      const { windows, days } = await uptimeWindows(db(), monitorId, NOW);
      const figure = (label: WindowName) => {
        const { checks, regionChecks, ...rest } = windows[label];
        return rest;
      };
      // 11:34–12:34: down 11:34–11:40 and 12:30–now, degraded 12:00–12:05. The single
      // failed check of ap-south at 11:34:30 was never confirmed and is not downtime.
      expect(figure('1h')).toEqual({
        uptime: 1 - 10 / 60,
        monitoredMs: 60 * MINUTE,
        downtimeMs: 10 * MINUTE,
        degradedMs: 5 * MINUTE,
      });
      // Yesterday's outage 12:00–12:40 reaches 6 minutes into the 24 hours.
      expect(figure('24h')).toEqual({
        uptime: 1 - 20 / 1440,
        monitoredMs: 1440 * MINUTE,
        downtimeMs: 20 * MINUTE,
        degradedMs: 5 * MINUTE,
      });
      // The paused 22 November is not monitored time.
      expect(figure('7d')).toEqual({
        uptime: 1 - 54 / (6 * 1440),
        monitoredMs: 6 * 1440 * MINUTE,
        downtimeMs: 54 * MINUTE,
        degradedMs: 5 * MINUTE,
      });
      // The first check (28 August 12:33:02) came before the 90 days began: all of them are monitored but the pause.
      expect(figure('90d')).toMatchObject({ monitoredMs: 89 * 1440 * MINUTE, downtimeMs: 54 * MINUTE });

      expect(days).toHaveLength(UPTIME_DAYS);
      expect(days[0]?.start).toEqual(new Date('2026-08-29T00:00:00Z'));
      expect(days.at(-1)).toEqual({
        start: new Date('2026-11-26T00:00:00Z'),
        uptime: 1 - 14 / 754,
        monitoredMs: 754 * MINUTE,
        downtimeMs: 14 * MINUTE,
        degradedMs: 5 * MINUTE,
      });
      expect(days.at(-2)).toMatchObject({ uptime: 1 - 40 / 1440, downtimeMs: 40 * MINUTE });
      expect(days.at(-5)).toMatchObject({
        start: new Date('2026-11-22T00:00:00Z'),
        uptime: null,
        monitoredMs: 0,
      });
      expect(days.reduce((sum, day) => sum + day.downtimeMs, 0)).toBe(54 * MINUTE);
    });

    it('answers null uptime and no checks for a monitor without checks', async () => {
      const { windows, days } = await uptimeWindows(db(), quietId, NOW);
      for (const label of WINDOW_NAMES) {
        expect(windows[label]).toEqual({
          uptime: null,
          monitoredMs: 0,
          downtimeMs: 0,
          degradedMs: 0,
          checks: { total: 0, up: 0, degraded: 0, down: 0 },
          regionChecks: {},
        });
      }
      expect(days.every((day) => day.uptime === null && day.monitoredMs === 0)).toBe(true);
    });

    it('gives latency percentiles within the histogram error, from answered checks only', async () => {
      const latency = await latencyWindows(db(), monitorId, NOW);
      for (const label of WINDOW_NAMES) {
        const from = new Date(NOW.getTime() - WINDOW_MS[label]);
        const answered = rows.filter((row) => row.slot >= from && row.slot < NOW && row.status !== 'down');
        const figures = [
          [latency[label].overall, answered],
          ...['eu-west', 'us-east', 'ap-south'].map(
            (region) =>
              [latency[label].regions[region], answered.filter((row) => row.region === region)] as const,
          ),
        ] as const;
        for (const [actual, sample] of figures) {
          const values = sample.map((row) => row.totalMs);
          expect(actual?.checks).toBe(values.length);
          expectWithin5Percent(actual?.p50 ?? null, exactPercentile(values, 0.5));
          expectWithin5Percent(actual?.p95 ?? null, exactPercentile(values, 0.95));
          expectWithin5Percent(actual?.p99 ?? null, exactPercentile(values, 0.99));
        }
      }
      // Down checks took 10 s each; had they entered the histogram, p99 of the hour would show it.
      expect(latency['1h'].overall.p99).toBeLessThan(2100);
      expect(await latencyWindows(db(), quietId, NOW)).toMatchObject({
        '24h': { overall: { p50: null, p95: null, p99: null, checks: 0 }, regions: {} },
      });
    });

    it('gives the list the uptime the windows give, at any moment', async () => {
      for (const now of [NOW, new Date('2026-11-26T12:31:17.250Z'), new Date('2026-11-25T12:20:00Z')]) {
        const { windows } = await uptimeWindows(db(), monitorId, now);
        const [alpha, beta] = await monitorsOverview(db(), org, now);
        expect(alpha?.uptime24h).toBe(windows['24h'].uptime);
        expect(alpha?.uptime30d).toBe(windows['30d'].uptime);
        expect(beta?.uptime24h).toBeNull();
      }
    });

    it('gives the overview of every monitor of the organisation from hour rollups', async () => {
      const overview = await monitorsOverview(db(), org, NOW);
      expect(overview.map((monitor) => monitor.name)).toEqual(['alpha', 'beta']);
      const [alpha, beta] = overview;
      // Uptime by the one definition: 24 hours as in the windows, 30 days all monitored but the pause.
      expect(alpha).toMatchObject({
        monitorId,
        status: 'up',
        uptime24h: 1 - 20 / 1440,
        uptime30d: 1 - 54 / (29 * 1440),
        lastCheckedAt: new Date('2026-11-26T12:33:31.500Z'),
      });
      expect(alpha?.sparkline).toHaveLength(24);
      expect(alpha?.sparkline[0]?.bucketStart).toEqual(new Date('2026-11-25T13:00:00Z'));
      expect(alpha?.sparkline[23]?.bucketStart).toEqual(new Date('2026-11-26T12:00:00Z'));
      expect(alpha?.sparkline.slice(0, 22).every((p) => p.checks === 0 && p.p50Ms === null)).toBe(true);
      expect(alpha?.sparkline.slice(22).map(({ checks, down }) => ({ checks, down }))).toEqual([
        { checks: 180, down: 11 },
        { checks: 102, down: 4 },
      ]);
      const today = rows.filter(
        (row) => row.slot >= new Date('2026-11-26T00:00:00Z') && row.status !== 'down',
      );
      const hourOf = (hour: string) =>
        today
          .filter((row) => row.slot.toISOString().startsWith(`2026-11-26T${hour}`))
          .map((row) => row.totalMs);
      expectWithin5Percent(alpha?.sparkline[22]?.p50Ms ?? null, exactPercentile(hourOf('11'), 0.5));
      expectWithin5Percent(alpha?.sparkline[23]?.p50Ms ?? null, exactPercentile(hourOf('12'), 0.5));
      expectWithin5Percent(
        alpha?.p95Ms24h ?? null,
        exactPercentile(
          today.map((row) => row.totalMs),
          0.95,
        ),
      );

      expect(beta).toMatchObject({
        monitorId: quietId,
        status: 'pending',
        uptime24h: null,
        uptime30d: null,
        p95Ms24h: null,
        lastCheckedAt: null,
      });
      expect(beta?.sparkline.every((p) => p.checks === 0 && p.down === 0 && p.p50Ms === null)).toBe(true);
      await db().update(monitors).set({ paused: true }).where(eq(monitors.id, monitorId));
      const [paused] = await monitorsOverview(db(), org, NOW);
      await db().update(monitors).set({ paused: false }).where(eq(monitors.id, monitorId));
      expect(paused).toMatchObject({ status: 'paused', uptime24h: 1 - 20 / 1440 });
      expect(await monitorsOverview(db(), await createOrganization(db(), 'empty'), NOW)).toEqual([]);
    });
  });
}
