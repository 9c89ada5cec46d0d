import { type IncidentUpdateStatus, STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';

const DAY_MS = 86_400_000;

/**
 * The newest updates of an incident a page shows: what an owner posts is bounded per incident
 * already, this bounds what one visit carries whatever the page's number of incidents.
 */
export const UPDATES_SHOWN_PER_INCIDENT = 25;

export interface PageIncidentUpdate {
  id: string;
  status: IncidentUpdateStatus;
  /** The owner's text: escaped wherever it is shown. */
  message: string;
  createdAt: Date;
}

/** An incident as a page shows it: never its error message nor its regions, which are the server's and the operator's. */
export interface PageIncident {
  id: string;
  monitorId: string;
  kind: 'down' | 'degraded';
  startedAt: Date;
  endedAt: Date | null;
  errorCode: string | null;
  /** Opened inside a maintenance window. */
  maintenance: boolean;
  /** Newest first. */
  updates: PageIncidentUpdate[];
}

interface IncidentRow {
  id: string;
  monitor_id: string;
  kind: 'down' | 'degraded';
  started_at: Date | string;
  ended_at: Date | string | null;
  error_code: string | null;
  maintenance: boolean;
}

interface UpdateRow {
  id: string;
  incident_id: string;
  status: IncidentUpdateStatus;
  message: string;
  created_at: Date | string;
}

/** The start of the past a page shows: pastIncidentDays before `now`. */
function pastSince(now: Date): string {
  return new Date(now.getTime() - STATUS_PAGE_LIMITS.pastIncidentDays * DAY_MS).toISOString();
}

/**
 * The monitors' open incidents and the newest STATUS_PAGE_LIMITS.pastIncidents that ended within
 * pastIncidentDays, newest first, each with its newest posted updates; only the organisation's,
 * whatever ids are asked for. Two statements.
 */
export async function statusPageIncidents(
  db: Executor,
  organizationId: string,
  monitorIds: readonly string[],
  now: Date,
): Promise<PageIncident[]> {
  if (monitorIds.length === 0) return [];
  const ours = sql`i.organization_id = ${organizationId} and i.monitor_id = any(${sql.param(monitorIds)}::uuid[])`;
  const columns = sql`i.id, i.monitor_id, i.kind, i.started_at, i.ended_at, i.error_code, i.maintenance`;
  const rows = await queryRows<IncidentRow>(
    db,
    sql`(select ${columns} from incidents i where ${ours} and i.ended_at is null)
        union all
        (select ${columns} from incidents i
          where ${ours} and i.ended_at > ${pastSince(now)}::timestamptz
          order by i.started_at desc, i.id desc
          limit ${STATUS_PAGE_LIMITS.pastIncidents})
        order by started_at desc, id desc`,
  );
  if (rows.length === 0) return [];
  const updates = await queryRows<UpdateRow>(
    db,
    sql`select id, incident_id, status, message, created_at from (
          select u.*, row_number() over (partition by u.incident_id order by u.created_at desc, u.id desc) as n
          from incident_updates u
          where u.organization_id = ${organizationId}
            and u.incident_id = any(${sql.param(rows.map((row) => row.id))}::uuid[])
        ) u
        where u.n <= ${UPDATES_SHOWN_PER_INCIDENT}
        order by u.created_at desc, u.id desc`,
  );
  const byIncident = new Map<string, PageIncidentUpdate[]>();
  for (const update of updates) {
    const list = byIncident.get(update.incident_id) ?? [];
    byIncident.set(update.incident_id, list);
    list.push({
      id: update.id,
      status: update.status,
      message: update.message,
      createdAt: new Date(update.created_at),
    });
  }
  return rows.map((row) => ({
    id: row.id,
    monitorId: row.monitor_id,
    kind: row.kind,
    startedAt: new Date(row.started_at),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
    errorCode: row.error_code,
    maintenance: row.maintenance,
    updates: byIncident.get(row.id) ?? [],
  }));
}

/** How far ahead a page lists maintenance. */
export const UPCOMING_MAINTENANCE_DAYS = 7;

export interface PageMaintenance {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** Null: every monitor of the organisation, so every monitor of the page. */
  monitorId: string | null;
}

interface MaintenanceRow {
  id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  monitor_id: string | null;
}

/** Occurrences of the organisation's windows that cover one of the monitors (its own or the organisation's) and meet `when`. */
async function maintenanceWhere(
  db: Executor,
  organizationId: string,
  monitorIds: readonly string[],
  when: SQL,
  order: SQL,
  limit: number,
): Promise<PageMaintenance[]> {
  if (monitorIds.length === 0) return [];
  const rows = await queryRows<MaintenanceRow>(
    db,
    sql`select o.id, w.title, o.starts_at, o.ends_at, o.monitor_id
        from maintenance_occurrences o
        join maintenance_windows w on w.id = o.window_id
        where o.organization_id = ${organizationId}
          and (o.monitor_id is null or o.monitor_id = any(${sql.param(monitorIds)}::uuid[]))
          and ${when}
        order by ${order}
        limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    monitorId: row.monitor_id,
  }));
}

/**
 * Maintenance occurrences going on or starting within UPCOMING_MAINTENANCE_DAYS that cover one of
 * the monitors: a monitor's own or its organisation's. Soonest first.
 */
export function statusPageMaintenance(
  db: Executor,
  organizationId: string,
  monitorIds: readonly string[],
  now: Date,
): Promise<PageMaintenance[]> {
  const until = new Date(now.getTime() + UPCOMING_MAINTENANCE_DAYS * DAY_MS).toISOString();
  return maintenanceWhere(
    db,
    organizationId,
    monitorIds,
    sql`o.ends_at > ${now.toISOString()}::timestamptz and o.starts_at < ${until}::timestamptz`,
    sql`o.starts_at, o.id`,
    100,
  );
}

/**
 * Maintenance that ended within pastIncidentDays, as past incidents are shown: the newest
 * STATUS_PAGE_LIMITS.pastIncidents that cover one of the monitors, latest ended first.
 */
export function statusPagePastMaintenance(
  db: Executor,
  organizationId: string,
  monitorIds: readonly string[],
  now: Date,
): Promise<PageMaintenance[]> {
  return maintenanceWhere(
    db,
    organizationId,
    monitorIds,
    sql`o.ends_at <= ${now.toISOString()}::timestamptz and o.ends_at > ${pastSince(now)}::timestamptz`,
    sql`o.ends_at desc, o.id desc`,
    STATUS_PAGE_LIMITS.pastIncidents,
  );
}
