import type { Monitor, MonitorOverview } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { joinRows, type MonitorRow, nextSort, searchRows, sortRows } from '../../src/lib/monitor-table.js';

function row(name: string, patch: Partial<MonitorRow> = {}): MonitorRow {
  return {
    id: name,
    name,
    url: `https://${name.toLowerCase()}.example.com/mcp`,
    regions: ['eu-west'],
    status: 'up',
    uptime24h: 1,
    uptime30d: 1,
    p95Ms24h: 100,
    lastCheckedAt: '2026-11-26T12:00:00Z',
    sparkline: [],
    ...patch,
  };
}

const ROWS = [
  row('Bravo', { status: 'down', uptime24h: 0.9, p95Ms24h: null }),
  row('alpha', { status: 'paused', uptime24h: null, p95Ms24h: 50, regions: ['us-east'] }),
  row('Charlie', { status: 'degraded', uptime24h: 0.99, p95Ms24h: 900 }),
  row('Delta', { status: 'up', uptime24h: 1, p95Ms24h: 120 }),
];
const names = (rows: MonitorRow[]) => rows.map((r) => r.name);

describe('the monitors list', () => {
  it('puts the worst status first by default, paused last', () => {
    expect(names(sortRows(ROWS, { key: 'status', direction: 'asc' }))).toEqual([
      'Bravo',
      'Charlie',
      'Delta',
      'alpha',
    ]);
  });

  it('sorts names without regard to case', () => {
    expect(names(sortRows(ROWS, { key: 'name', direction: 'asc' }))).toEqual([
      'alpha',
      'Bravo',
      'Charlie',
      'Delta',
    ]);
  });

  it('keeps rows without a figure last in both directions', () => {
    expect(names(sortRows(ROWS, { key: 'p95Ms24h', direction: 'asc' }))).toEqual([
      'alpha',
      'Delta',
      'Charlie',
      'Bravo',
    ]);
    expect(names(sortRows(ROWS, { key: 'p95Ms24h', direction: 'desc' }))).toEqual([
      'Charlie',
      'Delta',
      'alpha',
      'Bravo',
    ]);
    expect(names(sortRows(ROWS, { key: 'uptime24h', direction: 'desc' })).at(-1)).toBe('alpha');
  });

  it('flips the direction on a second click, and starts uptime at the best', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'uptime24h')).toEqual({
      key: 'uptime24h',
      direction: 'desc',
    });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'p95Ms24h')).toEqual({
      key: 'p95Ms24h',
      direction: 'asc',
    });
  });

  it('searches name, URL and regions for every word', () => {
    expect(names(searchRows(ROWS, 'CHAR'))).toEqual(['Charlie']);
    expect(names(searchRows(ROWS, 'us-east'))).toEqual(['alpha']);
    expect(names(searchRows(ROWS, 'example bravo'))).toEqual(['Bravo']);
    expect(searchRows(ROWS, '  ')).toHaveLength(4);
  });

  it("joins each monitor with its overview, the monitor's own status winning", () => {
    const monitor = {
      id: 'm1',
      name: 'One',
      url: 'u',
      regions: ['local'],
      status: 'paused',
      lastCheckedAt: null,
    } as Monitor;
    const overview: MonitorOverview = {
      monitorId: 'm1',
      name: 'One',
      status: 'up',
      uptime24h: 0.5,
      uptime30d: 0.75,
      p95Ms24h: 42,
      lastCheckedAt: '2026-11-26T12:00:00Z',
      sparkline: [],
    };
    expect(joinRows([monitor], [overview])[0]).toMatchObject({
      status: 'paused',
      uptime24h: 0.5,
      p95Ms24h: 42,
      lastCheckedAt: '2026-11-26T12:00:00Z',
    });
    expect(joinRows([monitor], [])[0]).toMatchObject({ uptime24h: null, sparkline: [] });
  });
});
