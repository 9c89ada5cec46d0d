import type { Monitor, MonitorOverview, SparklinePoint } from '@mcpulse/contract';
import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { STATUS_SEVERITY } from './status.js';

/** One line of the monitors list: the monitor's settings joined with its overview figures. */
export interface MonitorRow {
  id: string;
  name: string;
  url: string;
  regions: string[];
  status: MonitorDisplayStatus;
  uptime24h: number | null;
  uptime30d: number | null;
  p95Ms24h: number | null;
  lastCheckedAt: string | null;
  sparkline: SparklinePoint[];
}

export type SortKey = 'status' | 'name' | 'uptime24h' | 'uptime30d' | 'p95Ms24h' | 'lastCheckedAt';
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export function joinRows(monitors: Monitor[], overview: MonitorOverview[]): MonitorRow[] {
  const byId = new Map(overview.map((entry) => [entry.monitorId, entry]));
  return monitors.map((monitor) => {
    const figures = byId.get(monitor.id);
    return {
      id: monitor.id,
      name: monitor.name,
      url: monitor.url,
      regions: monitor.regions,
      // The monitor is read at the same moment; its status wins when the two disagree.
      status: monitor.status,
      uptime24h: figures?.uptime24h ?? null,
      uptime30d: figures?.uptime30d ?? null,
      p95Ms24h: figures?.p95Ms24h ?? null,
      lastCheckedAt: monitor.lastCheckedAt ?? figures?.lastCheckedAt ?? null,
      sparkline: figures?.sparkline ?? [],
    };
  });
}

/** Rows whose name, URL or a region contains every word of the query, any case. */
export function searchRows(rows: MonitorRow[], query: string): MonitorRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = `${row.name} ${row.url} ${row.regions.join(' ')}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function sortValue(row: MonitorRow, key: SortKey): number | string | null {
  switch (key) {
    case 'status':
      return STATUS_SEVERITY[row.status];
    case 'name':
      return row.name.toLowerCase();
    case 'lastCheckedAt':
      return row.lastCheckedAt ? Date.parse(row.lastCheckedAt) : null;
    default:
      return row[key];
  }
}

/** Sorted by one column; rows without a value go last whichever the direction, ties by name. */
export function sortRows(rows: MonitorRow[], sort: Sort): MonitorRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return (left < right ? -1 : 1) * sign;
    }
    return a.name.localeCompare(b.name);
  });
}

/** Clicking a column sorts by it; clicking it again flips the direction. Numbers start best first. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const startDescending = key === 'uptime24h' || key === 'uptime30d' || key === 'lastCheckedAt';
  return { key, direction: startDescending ? 'desc' : 'asc' };
}
