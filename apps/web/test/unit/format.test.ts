import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCount,
  formatDuration,
  formatInterval,
  formatMs,
  formatNames,
  formatPercent,
  formatUptime,
} from '../../src/lib/format.js';

describe('display formatting', () => {
  it.each([
    [null, '—'],
    [1, '100.00 %'],
    [0.5, '50.00 %'],
    [0.99999, '99.99 %'],
    [0.123456, '12.35 %'],
  ])('shows the ratio %s as %s, never rounding a failure up to 100 %%', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  it('shows uptime without monitored time as no data, never 100 %', () => {
    expect(formatUptime(null)).toBe('no data');
    expect(formatUptime(undefined, 3)).toBe('no data');
    expect(formatUptime(0.999999, 3)).toBe('99.999 %');
    expect(formatUptime(1, 3)).toBe('100.000 %');
  });

  it.each([
    [null, '—'],
    [3.25, '3.3 ms'],
    [87.4, '87 ms'],
    [1234, '1.23 s'],
    [15_000, '15.0 s'],
  ])('shows %s ms as %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it.each([
    [900, '1 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h'],
    [3 * 3_600_000 + 12 * 60_000, '3 h 12 min'],
    [2 * 86_400_000 + 3_600_000, '2 d 1 h'],
  ])('spells a duration of %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('says how long ago, in the largest unit', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo('2026-11-26T11:59:58Z', now)).toBe('just now');
    expect(formatAgo('2026-11-26T11:59:30Z', now)).toBe('30 s ago');
    expect(formatAgo('2026-11-26T11:45:00Z', now)).toBe('15 min ago');
    expect(formatAgo('2026-11-26T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-11-20T12:00:00Z', now)).toBe('6 d ago');
  });

  it('says how often', () => {
    expect(formatInterval(30)).toBe('every 30 s');
    expect(formatInterval(300)).toBe('every 5 min');
    expect(formatInterval(3600)).toBe('every 1 h');
  });

  it('counts with thousands separators in every locale', () => {
    expect(formatCount(1438)).toBe('1,438');
    expect(formatCount(7)).toBe('7');
  });

  it('lists at most a few names, each cut short, and counts the rest', () => {
    expect(formatNames(['a', 'b'], 5, 10)).toBe('a, b');
    expect(formatNames(['a', 'b', 'c', 'd'], 2, 10)).toBe('a, b and 2 more');
    expect(formatNames(['x'.repeat(50)], 2, 5)).toBe('xxxxx…');
  });
});
