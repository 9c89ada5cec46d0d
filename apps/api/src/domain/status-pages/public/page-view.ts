import type { statusPagePublicSchema } from '@mcpulse/contract';
import { BADGE_LIMITS, type MonitorDisplayStatus, type StatusPageFigure } from '@mcpulse/core/domain';
import {
  type Db,
  monitorsOfStatusPage,
  type PageIncident,
  type PageMaintenance,
  type PublicStatusPage,
  type StatusPageMonitorRow,
  statusPageFigures,
  statusPageIncidents,
  statusPageMaintenance,
  statusPagePastMaintenance,
} from '@mcpulse/db';
import type { z } from 'zod';
import { badgeText } from '../../badges/badge-content.js';
import { feedPaths } from './page-paths.js';

/** Everything a status page shows, as read at `asOf`: the HTML, the feeds and the JSON are drawn from it alone. */
export type PageView = z.output<typeof statusPagePublicSchema>;
type Overall = PageView['overall'];

/** How long a page's facts are served before being read again, at most: a page is refreshed within one check interval. */
export const PAGE_TTL_CEILING_MS = 30_000;

export interface ReadPage {
  view: PageView;
  /** The smaller of PAGE_TTL_CEILING_MS and the shortest check interval of its monitors. */
  ttlMs: number;
}

/** An error code as the probe writes them; anything else is not shown. */
const ERROR_CODE = /^[a-z][a-z0-9_.-]{0,63}$/;

function overallOf(statuses: MonitorDisplayStatus[], inMaintenance: boolean): Overall {
  const down = statuses.filter((status) => status === 'down').length;
  if (down > 0) return down === statuses.length ? 'major_outage' : 'partial_outage';
  if (statuses.includes('degraded')) return 'degraded';
  if (inMaintenance) return 'maintenance';
  if (statuses.includes('up')) return 'operational';
  return 'unknown';
}

function incidentView(incident: PageIncident, names: Map<string, string>) {
  return {
    id: incident.id,
    monitor: names.get(incident.monitorId) ?? '',
    kind: incident.kind,
    startedAt: incident.startedAt,
    endedAt: incident.endedAt,
    errorCode: incident.errorCode !== null && ERROR_CODE.test(incident.errorCode) ? incident.errorCode : null,
    maintenance: incident.maintenance,
    updates: incident.updates,
  };
}

function monitorView(
  monitor: StatusPageMonitorRow,
  figures: Awaited<ReturnType<typeof statusPageFigures>>,
  shown: (figure: StatusPageFigure) => boolean,
): PageView['groups'][number]['monitors'][number] {
  const figure = figures.get(monitor.monitorId);
  return {
    name: monitor.name,
    status: monitor.status,
    statusSince: monitor.statusSince,
    ...(shown('uptime') && figure ? { uptime: figure.uptime } : {}),
    ...(shown('history') && figure
      ? {
          days: figure.days.map((day) => ({
            start: day.start,
            uptime: day.uptime,
            downtimeMs: day.downtimeMs,
            degradedMs: day.degradedMs,
          })),
        }
      : {}),
    ...(shown('latency') ? { p95Ms24h: figure?.p95Ms24h ?? null } : {}),
    ...(shown('mcp')
      ? {
          mcp: {
            protocolVersion:
              monitor.protocolVersion === null
                ? null
                : badgeText(monitor.protocolVersion, BADGE_LIMITS.serverTextChars),
            toolCount: monitor.toolCount,
            lastSchemaChangeAt: monitor.lastSchemaChangeAt,
          },
        }
      : {}),
  };
}

/**
 * Reads one page's facts as of `now` and keeps of them only what its `figures` show: statements
 * are per page, never per monitor. Nothing private is in the result: no monitor URL, header,
 * region or id, no server error message.
 */
export async function readPageView(db: Db, page: PublicStatusPage, now: Date): Promise<ReadPage> {
  const shown = (figure: StatusPageFigure) => page.figures.includes(figure);
  const monitors = await monitorsOfStatusPage(db, page.id, now);
  const ids = [...new Set(monitors.map((monitor) => monitor.monitorId))];
  const org = page.organizationId;
  const [figures, incidents, maintenance, pastMaintenance] = await Promise.all([
    statusPageFigures(db, monitors, now),
    shown('incidents') ? statusPageIncidents(db, org, ids, now) : Promise.resolve([]),
    statusPageMaintenance(db, org, ids, now),
    shown('incidents') ? statusPagePastMaintenance(db, org, ids, now) : Promise.resolve([]),
  ]);
  const names = new Map(monitors.map((monitor) => [monitor.monitorId, monitor.name]));
  const maintenanceView = (one: PageMaintenance) => ({
    id: one.id,
    title: one.title,
    startsAt: one.startsAt,
    endsAt: one.endsAt,
    active: one.startsAt <= now && now < one.endsAt,
    monitors: one.monitorId === null ? [...names.values()] : [names.get(one.monitorId) ?? ''],
  });
  const groups: PageView['groups'] = [];
  let groupId: string | null = null;
  for (const monitor of monitors) {
    if (monitor.groupId !== groupId) {
      groupId = monitor.groupId;
      groups.push({ name: monitor.groupName, monitors: [] });
    }
    groups.at(-1)?.monitors.push(monitorView(monitor, figures, shown));
  }
  const inMaintenance = maintenance.some((one) => one.startsAt <= now);
  const view: PageView = {
    slug: page.slug,
    title: page.title,
    description: page.description,
    logoUrl: page.logoUrl,
    figures: page.figures,
    asOf: now,
    overall: overallOf(
      monitors.map((monitor) => monitor.status),
      inMaintenance,
    ),
    groups,
    ...(shown('incidents')
      ? {
          incidents: {
            active: incidents.filter((one) => one.endedAt === null).map((one) => incidentView(one, names)),
            past: incidents.filter((one) => one.endedAt !== null).map((one) => incidentView(one, names)),
          },
          maintenance: maintenance.map(maintenanceView),
          pastMaintenance: pastMaintenance.map(maintenanceView),
        }
      : {}),
    feeds: feedPaths(page.slug),
  };
  const shortest = Math.min(...monitors.map((monitor) => monitor.intervalSeconds * 1000));
  return { view, ttlMs: Math.min(PAGE_TTL_CEILING_MS, shortest) };
}
