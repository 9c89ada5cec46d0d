import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import type { PageView } from './page-view.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6 Dec 2026": the page is the same for every visitor, so dates are UTC and spelled one way. */
export function dayText(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "6 Dec 2026, 07:40 UTC". */
export function timeText(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${dayText(date)}, ${hh}:${mm} UTC`;
}

/** A span of time in the largest two units that matter, as the dashboard writes it: "3 h 12 min". */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export const STATUS_WORDS: Record<MonitorDisplayStatus, string> = {
  up: 'Operational',
  degraded: 'Degraded performance',
  down: 'Down',
  pending: 'Pending',
  paused: 'Paused',
};

export const OVERALL_WORDS: Record<PageView['overall'], string> = {
  operational: 'All systems operational',
  degraded: 'Some systems are slow',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  maintenance: 'Maintenance in progress',
  unknown: 'No data yet',
};

export const INCIDENT_WORDS = { down: 'Outage', degraded: 'Degraded performance' } as const;
