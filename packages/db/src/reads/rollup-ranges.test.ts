import { describe, expect, it } from 'vitest';
import { ceilTo, coverRange, floorTo, WINDOW_MS, windowRanges } from './rollup-ranges.js';

const at = (iso: string) => new Date(iso);
const plain = (ranges: ReturnType<typeof coverRange>) =>
  ranges.map((r) => [r.granularity, r.from.toISOString(), r.to.toISOString()]);

describe('covering a time range with rollup buckets', () => {
  it('rounds to whole minutes, hours and days in UTC', () => {
    expect(floorTo(at('2026-11-26T12:34:56.789Z'), 'minute')).toEqual(at('2026-11-26T12:34:00Z'));
    expect(ceilTo(at('2026-11-26T12:34:56.789Z'), 'hour')).toEqual(at('2026-11-26T13:00:00Z'));
    expect(ceilTo(at('2026-11-26T13:00:00Z'), 'hour')).toEqual(at('2026-11-26T13:00:00Z'));
    expect(floorTo(at('2026-11-26T23:59:59Z'), 'day')).toEqual(at('2026-11-26T00:00:00Z'));
  });

  it('takes whole days, then whole hours, then edge minutes', () => {
    expect(plain(coverRange(at('2026-11-19T12:34:00Z'), at('2026-11-26T12:34:00Z')))).toEqual([
      ['minute', '2026-11-19T12:34:00.000Z', '2026-11-19T13:00:00.000Z'],
      ['hour', '2026-11-19T13:00:00.000Z', '2026-11-20T00:00:00.000Z'],
      ['day', '2026-11-20T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
      ['hour', '2026-11-26T00:00:00.000Z', '2026-11-26T12:00:00.000Z'],
      ['minute', '2026-11-26T12:00:00.000Z', '2026-11-26T12:34:00.000Z'],
    ]);
  });

  it('uses only minutes inside one hour, and hours when no whole day fits', () => {
    expect(plain(coverRange(at('2026-11-26T12:10:00Z'), at('2026-11-26T12:34:00Z')))).toEqual([
      ['minute', '2026-11-26T12:10:00.000Z', '2026-11-26T12:34:00.000Z'],
    ]);
    expect(plain(coverRange(at('2026-11-25T12:34:00Z'), at('2026-11-26T12:34:00Z')))).toEqual([
      ['minute', '2026-11-25T12:34:00.000Z', '2026-11-25T13:00:00.000Z'],
      ['hour', '2026-11-25T13:00:00.000Z', '2026-11-26T12:00:00.000Z'],
      ['minute', '2026-11-26T12:00:00.000Z', '2026-11-26T12:34:00.000Z'],
    ]);
    expect(plain(coverRange(at('2026-11-25T00:00:00Z'), at('2026-11-26T00:00:00Z')))).toEqual([
      ['day', '2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
    ]);
  });

  it('stops at hours when asked to, for hour-aligned ranges', () => {
    expect(
      plain(coverRange(at('2026-11-24T13:00:00Z'), at('2026-11-26T13:00:00Z'), ['day', 'hour'])),
    ).toEqual([
      ['hour', '2026-11-24T13:00:00.000Z', '2026-11-25T00:00:00.000Z'],
      ['day', '2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
      ['hour', '2026-11-26T00:00:00.000Z', '2026-11-26T13:00:00.000Z'],
    ]);
  });

  it('covers every standard window back to back and without overlap, ending at the next whole minute', () => {
    const ranges = windowRanges(at('2026-11-26T12:33:20Z'));
    for (const [label, length] of Object.entries(WINDOW_MS)) {
      const own = ranges.filter((r) => r.label === label).map((r) => r.range);
      expect(own[0]?.from).toEqual(new Date(Date.parse('2026-11-26T12:34:00Z') - length));
      expect(own[own.length - 1]?.to).toEqual(at('2026-11-26T12:34:00Z'));
      for (let i = 1; i < own.length; i++) expect(own[i]?.from).toEqual(own[i - 1]?.to);
    }
  });
});
