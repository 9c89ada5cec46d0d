import { describe, expect, it } from 'vitest';
import { intersectSpans, mergeSpans, subtractSpans } from './time-spans.js';
import { type UptimeHistory, uptimeByDay, uptimeIn, uptimeTimeline } from './uptime.js';

const at = (time: string) => new Date(`2026-11-26T${time}Z`);
const MIN = 60_000;
const NOW = at('12:00:00');

function history(extra: Partial<UptimeHistory> = {}): UptimeHistory {
  return { firstCheckedAt: at('00:00:00'), pauses: [], maintenance: [], incidents: [], now: NOW, ...extra };
}

const down = (from: string, to: string | null) => ({
  kind: 'down' as const,
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
});
const degraded = (from: string, to: string | null) => ({ ...down(from, to), kind: 'degraded' as const });
const pause = (from: string, to: string | null) => ({
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
});

function figure(h: UptimeHistory, from: string, to: string) {
  return uptimeIn(uptimeTimeline(h), at(from), at(to));
}

describe('time spans', () => {
  it('merges, intersects and subtracts sorted lists', () => {
    expect(
      mergeSpans([
        { from: 5, to: 7 },
        { from: 1, to: 3 },
        { from: 3, to: 4 },
        { from: 6, to: 9 },
        { from: 10, to: 10 },
      ]),
    ).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 9 },
    ]);
    const a = [
      { from: 0, to: 10 },
      { from: 20, to: 30 },
    ];
    const b = [
      { from: 5, to: 22 },
      { from: 25, to: 26 },
      { from: 29, to: 40 },
    ];
    expect(intersectSpans(a, b)).toEqual([
      { from: 5, to: 10 },
      { from: 20, to: 22 },
      { from: 25, to: 26 },
      { from: 29, to: 30 },
    ]);
    expect(subtractSpans(a, b)).toEqual([
      { from: 0, to: 5 },
      { from: 22, to: 25 },
      { from: 26, to: 29 },
    ]);
    expect(subtractSpans(a, [])).toEqual(a);
    expect(subtractSpans(a, [{ from: -5, to: 50 }])).toEqual([]);
  });
});

describe('uptime of a window', () => {
  it('is 1 − downtime / monitored time, degraded time counting as up', () => {
    const h = history({ incidents: [down('10:00:00', '10:20:00'), degraded('11:00:00', '11:30:00')] });
    expect(figure(h, '08:00:00', '12:00:00')).toEqual({
      uptime: 1 - 20 / 240,
      monitoredMs: 240 * MIN,
      downtimeMs: 20 * MIN,
      degradedMs: 30 * MIN,
    });
  });

  it('runs an open incident until now, and never counts time after now', () => {
    const h = history({ incidents: [down('11:30:00', null)] });
    expect(figure(h, '11:00:00', '13:00:00')).toEqual({
      uptime: 0.5,
      monitoredMs: 60 * MIN,
      downtimeMs: 30 * MIN,
      degradedMs: 0,
    });
  });

  it('leaves paused time out of both monitored time and downtime', () => {
    // A pause ends an incident in practice; overlapping ones still must not count twice.
    const h = history({
      pauses: [pause('10:10:00', '10:40:00'), pause('11:50:00', null)],
      incidents: [down('10:00:00', '10:20:00'), degraded('10:30:00', '10:50:00')],
    });
    expect(figure(h, '10:00:00', '12:00:00')).toEqual({
      uptime: 1 - 10 / 80,
      monitoredMs: 80 * MIN,
      downtimeMs: 10 * MIN,
      degradedMs: 10 * MIN,
    });
  });

  it('leaves maintenance out of monitored time, so an outage inside a window costs no uptime', () => {
    const h = history({
      maintenance: [pause('10:00:00', '10:30:00'), pause('11:45:00', null)],
      incidents: [down('10:10:00', '10:40:00')],
    });
    expect(figure(h, '10:00:00', '12:00:00')).toEqual({
      uptime: 1 - 10 / 75,
      monitoredMs: 75 * MIN,
      downtimeMs: 10 * MIN,
      degradedMs: 0,
    });
    expect(figure(h, '10:00:00', '10:30:00')).toEqual({
      uptime: null,
      monitoredMs: 0,
      downtimeMs: 0,
      degradedMs: 0,
    });
  });

  it('starts monitored time at the first check, and has no uptime before it', () => {
    const h = history({ firstCheckedAt: at('11:00:00'), incidents: [down('11:00:00', '11:06:00')] });
    expect(figure(h, '10:00:00', '12:00:00')).toEqual({
      uptime: 0.9,
      monitoredMs: 60 * MIN,
      downtimeMs: 6 * MIN,
      degradedMs: 0,
    });
    expect(figure(h, '09:00:00', '11:00:00')).toEqual({
      uptime: null,
      monitoredMs: 0,
      downtimeMs: 0,
      degradedMs: 0,
    });
  });

  it('has no uptime, never 100 %, without a check or with every moment paused', () => {
    const empty = { uptime: null, monitoredMs: 0, downtimeMs: 0, degradedMs: 0 };
    expect(figure(history({ firstCheckedAt: null }), '00:00:00', '12:00:00')).toEqual(empty);
    expect(figure(history({ pauses: [pause('06:00:00', null)] }), '07:00:00', '12:00:00')).toEqual(empty);
    expect(figure(history({ firstCheckedAt: at('12:00:00') }), '00:00:00', '12:00:00')).toEqual(empty);
  });

  it('cuts incidents that straddle either edge of the window', () => {
    const h = history({ incidents: [down('09:50:00', '10:10:00'), down('10:55:00', '11:30:00')] });
    expect(figure(h, '10:00:00', '11:00:00')).toMatchObject({ downtimeMs: 15 * MIN, uptime: 0.75 });
  });

  it('counts time that is both down and degraded as down only', () => {
    const h = history({ incidents: [degraded('10:00:00', '10:30:00'), down('10:20:00', '10:40:00')] });
    expect(figure(h, '10:00:00', '11:00:00')).toMatchObject({ downtimeMs: 20 * MIN, degradedMs: 20 * MIN });
  });
});

describe('uptime per UTC day', () => {
  it('splits an incident across midnight, and the days add up to the window', () => {
    const now = new Date('2026-11-26T06:00:00Z');
    const h: UptimeHistory = {
      firstCheckedAt: new Date('2026-11-24T12:00:00Z'),
      pauses: [],
      maintenance: [],
      incidents: [
        {
          kind: 'down',
          startedAt: new Date('2026-11-25T23:00:00Z'),
          endedAt: new Date('2026-11-26T01:00:00Z'),
        },
      ],
      now,
    };
    const timeline = uptimeTimeline(h);
    const days = uptimeByDay(timeline, 4);
    expect(days.map((day) => day.start.toISOString())).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
      '2026-11-25T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(days.map(({ start, ...rest }) => rest)).toEqual([
      { uptime: null, monitoredMs: 0, downtimeMs: 0, degradedMs: 0 },
      { uptime: 1, monitoredMs: 12 * 60 * MIN, downtimeMs: 0, degradedMs: 0 },
      { uptime: 1 - 1 / 24, monitoredMs: 24 * 60 * MIN, downtimeMs: 60 * MIN, degradedMs: 0 },
      { uptime: 1 - 1 / 6, monitoredMs: 6 * 60 * MIN, downtimeMs: 60 * MIN, degradedMs: 0 },
    ]);
    const whole = uptimeIn(timeline, new Date('2026-11-23T00:00:00Z'), now);
    expect(whole.monitoredMs).toBe(days.reduce((sum, day) => sum + day.monitoredMs, 0));
    expect(whole.downtimeMs).toBe(days.reduce((sum, day) => sum + day.downtimeMs, 0));
  });
});
