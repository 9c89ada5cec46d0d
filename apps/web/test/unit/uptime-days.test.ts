import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/api/types.js';
import { uptimeDays } from '../../src/lib/uptime-days.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const incident = (startedAt: string, endedAt: string | null, kind: Incident['kind'] = 'down'): Incident => ({
  id: startedAt,
  kind,
  startedAt,
  endedAt,
  errorCode: 'timeout',
  errorMessage: null,
  regions: ['eu-west'],
});

describe('90-day uptime bars', () => {
  it('has 90 days, oldest first, today last, and nothing before the monitor existed', () => {
    const days = uptimeDays([], '2026-11-20T06:00:00Z', NOW);
    expect(days).toHaveLength(90);
    expect(new Date(days.at(-1)!.start).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(days.filter((day) => day.uptime !== null)).toHaveLength(7);
    expect(days.at(-1)!.uptime).toBe(1);
  });

  it('takes the down time out of each day it touched, across midnight', () => {
    const days = uptimeDays(
      [incident('2026-11-24T18:00:00Z', '2026-11-25T06:00:00Z')],
      '2026-01-01T00:00:00Z',
      NOW,
    );
    const [evening, morning] = days.slice(-3, -1);
    expect(evening!.uptime).toBeCloseTo(18 / 24);
    expect(morning!.uptime).toBeCloseTo(18 / 24);
    expect(evening!.incidents).toHaveLength(1);
  });

  it('counts an open incident up to now, over the part of today that has passed', () => {
    const [today] = uptimeDays([incident('2026-11-26T09:00:00Z', null)], '2026-01-01T00:00:00Z', NOW).slice(
      -1,
    );
    expect(today!.uptime).toBeCloseTo(9 / 12);
    expect(today!.downMs).toBe(3 * 3_600_000);
  });

  it('counts degraded time as up, but remembers it', () => {
    const [today] = uptimeDays(
      [incident('2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z', 'degraded')],
      '2026-01-01T00:00:00Z',
      NOW,
    ).slice(-1);
    expect(today!.uptime).toBe(1);
    expect(today!.degradedMs).toBe(3_600_000);
  });
});
