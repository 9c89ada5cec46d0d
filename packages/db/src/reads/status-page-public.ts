import type { MonitorDisplayStatus, StatusPageFigure } from '@mcpulse/core/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import type { StatusPageContent } from '../queries/status-pages/owned-status-pages.js';
import { regionsWithRollups } from './rollup-scan.js';
import { UPTIME_DAYS } from './uptime-windows.js';

/** A published page as its public views need it: never its subscribers, never its owner's settings. */
export interface PublicStatusPage extends Omit<StatusPageContent, 'groups'> {
  id: string;
  organizationId: string;
  /** When the organisation last proved it controls `customDomain`; the domain is served only when set. */
  customDomainVerifiedAt: Date | null;
  updatedAt: Date;
}

interface PageRow {
  id: string;
  organization_id: string;
  slug: string;
  title: string;
  description: string;
  logo_url: string | null;
  custom_domain: string | null;
  custom_domain_verified_at: Date | string | null;
  figures: StatusPageFigure[];
  updated_at: Date | string;
}

async function pageWhere(db: Executor, condition: SQL): Promise<PublicStatusPage | null> {
  const [row] = await queryRows<PageRow>(
    db,
    sql`select id, organization_id, slug, title, description, logo_url, custom_domain,
               custom_domain_verified_at, figures, updated_at
        from status_pages where ${condition}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    logoUrl: row.logo_url,
    customDomain: row.custom_domain,
    customDomainVerifiedAt:
      row.custom_domain_verified_at === null ? null : new Date(row.custom_domain_verified_at),
    figures: row.figures,
    updatedAt: new Date(row.updated_at),
  };
}

/** The page served at `/status/<slug>`, or null. */
export function publicStatusPageBySlug(db: Executor, slug: string): Promise<PublicStatusPage | null> {
  return pageWhere(db, sql`slug = ${slug}`);
}

/**
 * The page whose custom domain is `host` (lower-case, no port) and whose organisation proved it
 * controls that domain, or null: a domain merely named by a page is never served.
 */
export function publicStatusPageByDomain(db: Executor, host: string): Promise<PublicStatusPage | null> {
  return pageWhere(db, sql`custom_domain = ${host} and custom_domain_verified_at is not null`);
}

/** A monitor as a page shows it, in its group's place. Its URL, headers and regions never leave the database. */
export interface StatusPageMonitorRow {
  groupId: string;
  groupName: string;
  monitorId: string;
  /** The page's name for it, else the monitor's own. */
  name: string;
  status: MonitorDisplayStatus;
  statusSince: Date | null;
  lastCheckedAt: Date | null;
  intervalSeconds: number;
  /** As the server sent it (bounded at storage): hostile text. */
  protocolVersion: string | null;
  toolCount: number | null;
  /** The last `schema.drift` within SCHEMA_CHANGE_DAYS; null when there was none in that time. */
  lastSchemaChangeAt: Date | null;
  /** Regions with rollups: only to find its latency rollups, never shown. */
  rollupRegions: string[];
}

interface MonitorRow {
  group_id: string;
  group_name: string;
  monitor_id: string;
  name: string;
  paused: boolean;
  status: MonitorDisplayStatus | null;
  since: Date | string | null;
  last_checked_at: Date | string | null;
  interval_seconds: number;
  protocol_version: string | null;
  tool_count: number | null;
  last_schema_change_at: Date | string | null;
  regions: string[];
}

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * How far back a page looks for a monitor's last schema change: the page's 90 days. Bounded, so a
 * monitor without a drift costs an index range of its recent events, not a walk of all it ever had.
 */
export const SCHEMA_CHANGE_DAYS = UPTIME_DAYS;

/**
 * The monitors of a page, groups in order and monitors in order within each, with their current
 * state and MCP specifics (confirmed protocol version, tools of the confirmed schema, the last
 * `schema.drift` event within SCHEMA_CHANGE_DAYS of `now`). One statement for any number of
 * monitors. Only the page's organisation's monitors, whatever rows `status_page_monitors` holds.
 */
export async function monitorsOfStatusPage(
  db: Executor,
  pageId: string,
  now: Date,
): Promise<StatusPageMonitorRow[]> {
  const driftSince = new Date(now.getTime() - SCHEMA_CHANGE_DAYS * 86_400_000).toISOString();
  const rows = await queryRows<MonitorRow>(
    db,
    sql`select g.id as group_id, g.name as group_name, m.id as monitor_id,
               coalesce(spm.display_name, m.name) as name, m.paused, s.status, s.since, s.last_checked_at,
               m.interval_seconds,
               s.protocol_tracking->'confirmed'->>'protocolVersion' as protocol_version,
               (select ss.tool_count from monitor_schema_snapshots ss
                 where ss.monitor_id = m.id and ss.hash = s.schema_hash) as tool_count,
               (select max(ev.occurred_at) from events ev
                 where ev.monitor_id = m.id and ev.occurred_at > ${driftSince}::timestamptz
                   and ev.type = 'schema.drift') as last_schema_change_at,
               ${regionsWithRollups(sql`m.id`)} as regions
        from status_page_groups g
        join status_pages p on p.id = g.page_id
        join status_page_monitors spm on spm.group_id = g.id and spm.page_id = g.page_id
        join monitors m on m.id = spm.monitor_id and m.organization_id = p.organization_id
        left join monitor_state s on s.monitor_id = m.id
        where g.page_id = ${pageId}
        order by g.position, g.id, spm.position, m.id`,
  );
  return rows.map((row) => ({
    groupId: row.group_id,
    groupName: row.group_name,
    monitorId: row.monitor_id,
    name: row.name,
    status: row.paused ? 'paused' : (row.status ?? 'pending'),
    statusSince: asDate(row.since),
    lastCheckedAt: asDate(row.last_checked_at),
    intervalSeconds: row.interval_seconds,
    protocolVersion: row.protocol_version,
    toolCount: row.tool_count,
    lastSchemaChangeAt: asDate(row.last_schema_change_at),
    rollupRegions: row.regions,
  }));
}
