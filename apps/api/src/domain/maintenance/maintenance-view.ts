import type { MaintenanceWindowView } from '@mcpulse/db';

/** The wire shape: durations in minutes, as the owner wrote them. */
export function maintenanceWindowAnswer(window: MaintenanceWindowView) {
  return {
    id: window.id,
    monitorId: window.monitorId,
    title: window.title,
    localStart: window.localStart,
    timeZone: window.timeZone,
    durationMinutes: Math.round(window.durationMs / 60_000),
    rrule: window.rrule,
    createdAt: window.createdAt,
    occurrences: window.occurrences,
  };
}
