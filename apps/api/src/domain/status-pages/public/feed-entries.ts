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
  /** The incident's anchor on the page. */
  anchor: string;
}

const tag = (specific: string) => `tag:mcpulse,2026:${specific}`;

export function feedIdOf(pageId: string): string {
  return tag(`status-page:${pageId}`);
}

export function incidentAnchor(incidentId: string): string {
  return `incident-${incidentId}`;
}

/**
 * The page's incidents as entries: each opened, each resolved, and each posted update; newest
 * first, at most STATUS_PAGE_LIMITS.feedEntries. Empty when the page does not show incidents.
 */
export function feedEntries(view: PageView): FeedEntry[] {
  const incidents = view.incidents ? [...view.incidents.active, ...view.incidents.past] : [];
  const entries: FeedEntry[] = [];
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
