import type { Incident } from '../api/types.js';

const DAY_MS = 86_400_000;

export interface UptimeDay {
  /** Midnight UTC that starts the day. */
  start: number;
  /** Share of the monitored part of the day without a down incident; null before the monitor existed. */
  uptime: number | null;
  downMs: number;
  degradedMs: number;
  /** The incidents that touched the day, for the bar's tooltip. */
  incidents: Incident[];
}

/**
 * One bar per UTC day for the last `days` days, from the confirmed incidents:
 * a day's uptime is the share of its monitored time not inside a down
 * incident. Degraded time still counts as up, as in the uptime figures.
 */
export function uptimeDays(incidents: Incident[], createdAt: string, now: number, days = 90): UptimeDay[] {
  const created = Date.parse(createdAt);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const result: UptimeDay[] = [];
  for (let index = days - 1; index >= 0; index--) {
    const start = today - index * DAY_MS;
    const end = Math.min(start + DAY_MS, now);
    const from = Math.max(start, created);
    if (from >= end) {
      result.push({ start, uptime: null, downMs: 0, degradedMs: 0, incidents: [] });
      continue;
    }
    let downMs = 0;
    let degradedMs = 0;
    const touching: Incident[] = [];
    for (const incident of incidents) {
      const incidentStart = Date.parse(incident.startedAt);
      const incidentEnd = incident.endedAt ? Date.parse(incident.endedAt) : now;
      const overlap = Math.min(end, incidentEnd) - Math.max(from, incidentStart);
      if (overlap <= 0) continue;
      touching.push(incident);
      if (incident.kind === 'down') downMs += overlap;
      else degradedMs += overlap;
    }
    const monitored = end - from;
    result.push({
      start,
      uptime: Math.max(0, 1 - Math.min(downMs, monitored) / monitored),
      downMs,
      degradedMs,
      incidents: touching,
    });
  }
  return result;
}
