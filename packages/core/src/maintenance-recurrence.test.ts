import { describe, expect, it } from 'vitest';
import {
  InvalidSchedule,
  type MaintenanceSchedule,
  maintenanceOccurrences,
  validateMaintenanceSchedule,
} from './maintenance-recurrence.js';

const HOUR = 3_600_000;
const iso = (dates: ReadonlyArray<{ startsAt: Date; endsAt: Date }>) =>
  dates.map((item) => [item.startsAt.toISOString(), item.endsAt.toISOString()]);

describe('maintenance recurrence', () => {
  it('keeps a Europe/Berlin Sunday 02:30 window at its wall-clock time across both DST changes', () => {
    const schedule: MaintenanceSchedule = {
      localStart: '2026-03-22T02:30',
      timeZone: 'Europe/Berlin',
      durationMs: HOUR,
      rrule: 'FREQ=WEEKLY;BYDAY=SU',
    };
    const spring = maintenanceOccurrences(
      schedule,
      new Date('2026-03-21T00:00Z'),
      new Date('2026-04-06T00:00Z'),
    );
    expect(iso(spring)).toEqual([
      // CET (+01:00)
      ['2026-03-22T01:30:00.000Z', '2026-03-22T02:30:00.000Z'],
      // 29 March: 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00); it moves to 03:30 CEST.
      ['2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z'],
      // CEST (+02:00): one hour earlier in UTC than in March.
      ['2026-04-05T00:30:00.000Z', '2026-04-05T01:30:00.000Z'],
    ]);
    const autumn = maintenanceOccurrences(
      schedule,
      new Date('2026-10-18T00:00Z'),
      new Date('2026-11-02T00:00Z'),
    );
    expect(iso(autumn)).toEqual([
      ['2026-10-18T00:30:00.000Z', '2026-10-18T01:30:00.000Z'],
      // 25 October, last Sunday: 02:30 happens twice; the earlier (CEST) one is the occurrence.
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
      ['2026-11-01T01:30:00.000Z', '2026-11-01T02:30:00.000Z'],
    ]);
  });

  it('keeps a monthly "last Sunday" rule on the last Sunday in local time', () => {
    const schedule: MaintenanceSchedule = {
      localStart: '2026-01-25T22:00',
      timeZone: 'Europe/Berlin',
      durationMs: 2 * HOUR,
      rrule: 'FREQ=MONTHLY;BYDAY=-1SU',
    };
    const starts = maintenanceOccurrences(
      schedule,
      new Date('2026-02-01T00:00Z'),
      new Date('2026-05-01T00:00Z'),
    ).map((item) => item.startsAt.toISOString());
    expect(starts).toEqual([
      '2026-02-22T21:00:00.000Z',
      '2026-03-29T20:00:00.000Z',
      '2026-04-26T20:00:00.000Z',
    ]);
  });

  it('answers an occurrence that began before the range and still overlaps it, and honours COUNT and the limit', () => {
    const schedule: MaintenanceSchedule = {
      localStart: '2026-06-01T23:00',
      timeZone: 'UTC',
      durationMs: 2 * HOUR,
      rrule: 'FREQ=DAILY;COUNT=3',
    };
    expect(
      iso(maintenanceOccurrences(schedule, new Date('2026-06-02T00:30Z'), new Date('2026-06-10T00:00Z'))),
    ).toEqual([
      ['2026-06-01T23:00:00.000Z', '2026-06-02T01:00:00.000Z'],
      ['2026-06-02T23:00:00.000Z', '2026-06-03T01:00:00.000Z'],
      ['2026-06-03T23:00:00.000Z', '2026-06-04T01:00:00.000Z'],
    ]);
    expect(
      maintenanceOccurrences(schedule, new Date('2026-06-01T00:00Z'), new Date('2026-06-10T00:00Z'), 2),
    ).toHaveLength(2);
  });

  it('answers a one-off window only when it overlaps the range', () => {
    const schedule: MaintenanceSchedule = {
      localStart: '2026-06-01T10:00',
      timeZone: 'America/New_York',
      durationMs: HOUR,
      rrule: null,
    };
    expect(
      iso(maintenanceOccurrences(schedule, new Date('2026-06-01T00:00Z'), new Date('2026-06-02T00:00Z'))),
    ).toEqual([['2026-06-01T14:00:00.000Z', '2026-06-01T15:00:00.000Z']]);
    expect(
      maintenanceOccurrences(schedule, new Date('2026-06-01T15:00Z'), new Date('2026-06-02T00:00Z')),
    ).toEqual([]);
  });

  it('names the field of a schedule it refuses', () => {
    const base: MaintenanceSchedule = {
      localStart: '2026-06-01T10:00',
      timeZone: 'UTC',
      durationMs: HOUR,
      rrule: null,
    };
    const fieldOf = (schedule: MaintenanceSchedule) => {
      try {
        validateMaintenanceSchedule(schedule);
        return null;
      } catch (error) {
        return error instanceof InvalidSchedule ? error.field : 'other';
      }
    };
    expect(fieldOf(base)).toBeNull();
    expect(fieldOf({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE' })).toBeNull();
    expect(fieldOf({ ...base, timeZone: 'Mars/Olympus' })).toBe('timeZone');
    expect(fieldOf({ ...base, localStart: '2026-02-30T10:00' })).toBe('localStart');
    expect(fieldOf({ ...base, localStart: 'tomorrow' })).toBe('localStart');
    expect(fieldOf({ ...base, rrule: 'FREQ=MINUTELY' })).toBe('rrule');
    expect(fieldOf({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=XX' })).toBe('rrule');
    expect(fieldOf({ ...base, rrule: 'FREQ=DAILY\nX-EVIL:1' })).toBe('rrule');
    expect(fieldOf({ ...base, durationMs: 0 })).toBe('durationMinutes');
    expect(fieldOf({ ...base, durationMs: 8 * 86_400_000 })).toBe('durationMinutes');
  });
});
