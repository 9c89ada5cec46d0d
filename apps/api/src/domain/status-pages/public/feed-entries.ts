import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { INCIDENT_WORDS } from './page-format.js';
import type { PageView } from './page-view.js';

/** One thing that happened, as both feeds carry it. */
export interface FeedEntry {
  /** A tag URI (RFC 4151), the same in both feeds and for as long as the thing exists. */
  id: string;
  title: string;
  text: string;
  at: Date;
  /** The incident's or maintenance's anchor on the page. */
  anchor: string;
}

const tag = (specific: string) => `tag:mcpulse,2026:${specific}`;

export function feedIdOf(pageId: string): string {
  return tag(`status-page:${pageId}`);
}

export function incidentAnchor(incidentId: string): string {
  return `incident-${incidentId}`;
}

export function maintenanceAnchor(occurrenceId: string): string {
  return `maintenance-${occurrenceId}`;
}

type MaintenanceView = NonNullable<PageView['maintenance']>[number];

/** Maintenance begun (going on or past) as entries: each started, and each ended. */
function maintenanceEntries(view: PageView): FeedEntry[] {
  const begun = [...(view.maintenance ?? []).filter((item) => item.active), ...(view.pastMaintenance ?? [])];
  const entries: FeedEntry[] = [];
  const ended = new Set((view.pastMaintenance ?? []).map((item) => item.id));
  const affects = (item: MaintenanceView) => `Affects: ${item.monitors.join(', ')}.`;
  for (const item of begun) {
    const anchor = maintenanceAnchor(item.id);
    entries.push({
      id: tag(`maintenance:${item.id}:started`),
      title: `Maintenance started: ${item.title}`,
      text: `Scheduled maintenance began. ${affects(item)}`,
      at: item.startsAt,
      anchor,
    });
    if (ended.has(item.id)) {
      entries.push({
        id: tag(`maintenance:${item.id}:ended`),
        title: `Maintenance ended: ${item.title}`,
        text: `Scheduled maintenance is over. ${affects(item)}`,
        at: item.endsAt,
        anchor,
      });
    }
  }
  return entries;
}

/**
 * The page's incidents as entries: each opened, each resolved, and each posted update; and its
 * maintenance, each started and each ended. Newest first, at most STATUS_PAGE_LIMITS.feedEntries.
 * Empty when the page does not show incidents.
 */
export function feedEntries(view: PageView): FeedEntry[] {
  const incidents = view.incidents ? [...view.incidents.active, ...view.incidents.past] : [];
  const entries: FeedEntry[] = view.incidents ? maintenanceEntries(view) : [];
  for (const incident of incidents) {
    const anchor = incidentAnchor(incident.id);
    const what = `${INCIDENT_WORDS[incident.kind]}: ${incident.monitor}`;
    const during = incident.maintenance ? ' It began during scheduled maintenance.' : '';
    entries.push({
      id: tag(`incident:${incident.id}:opened`),
      title: what,
      text: `${incident.monitor}: ${INCIDENT_WORDS[incident.kind].toLowerCase()} confirmed by the checks.${during}`,
      at: incident.startedAt,
      anchor,
    });
    if (incident.endedAt !== null) {
      entries.push({
        id: tag(`incident:${incident.id}:resolved`),
        title: `Resolved: ${what}`,
        text: `${incident.monitor} is back to normal, as confirmed by the checks.`,
        at: incident.endedAt,
        anchor,
      });
    }
    for (const update of incident.updates) {
      entries.push({
        id: tag(`incident-update:${update.id}`),
        title: `${update.status[0]?.toUpperCase()}${update.status.slice(1)}: ${what}`,
        text: update.message,
        at: update.createdAt,
        anchor,
      });
    }
  }
  return entries
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, STATUS_PAGE_LIMITS.feedEntries);
}
