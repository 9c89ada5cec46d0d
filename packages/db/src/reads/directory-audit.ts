import {
  AUDIT_BUCKETS,
  type AuditBucket,
  auditBucketOf,
  DIRECTORY_ORGANIZATION_ID,
  type DirectoryAuthRequirement,
  type DirectoryRemoteType,
  type DirectorySkipReason,
  type ProbeErrorCode,
  type ProbeStatus,
} from '@mcpulse/core/domain';
import { asc, gte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import { directoryAuditDays } from '../schema/index.js';

/** Server names shown per endpoint in the audit's listing; one URL may be listed by many entries. */
export const AUDIT_SERVERS_PER_ENDPOINT = 20;

/** A probed endpoint's latest check, as far as the audit reads it. */
export interface AuditCheck {
  bucket: AuditBucket;
  status: ProbeStatus;
  errorCode: string | null;
  httpStatus: number | null;
  httpAlive: boolean;
  era: string | null;
  protocolVersion: string | null;
  toolCount: number | null;
  checkedAt: Date;
}

/** One directory endpoint with its latest check; `check` is null when not probed or not checked yet. */
export interface AuditEndpoint {
  url: string;
  host: string;
  transport: DirectoryRemoteType;
  authRequirement: DirectoryAuthRequirement;
  /** The names of the entries listing it, in name order, at most `AUDIT_SERVERS_PER_ENDPOINT`. */
  servers: string[];
  /** Null for an endpoint the directory probes; otherwise why it does not. */
  skipReason: DirectorySkipReason | null;
  check: AuditCheck | null;
}

interface CheckColumns {
  status: ProbeStatus | null;
  error_code: string | null;
  http_status: number | null;
  http_alive: boolean | null;
  auth_required: boolean | null;
  era: string | null;
  protocol_version: string | null;
  tool_count: number | null;
  checked_ms: number | null;
}

interface EndpointRow extends CheckColumns {
  url: string;
  host: string;
  transport: DirectoryRemoteType;
  auth_requirement: DirectoryAuthRequirement;
  skip_reason: DirectorySkipReason | null;
  servers: string[] | null;
}

function checkOf(row: CheckColumns): AuditCheck | null {
  if (row.status === null || row.checked_ms === null) return null;
  return {
    bucket: auditBucketOf({
      status: row.status,
      errorCode: row.error_code as ProbeErrorCode | null,
      httpAlive: row.http_alive === true,
      authRequired: row.auth_required === true,
    }),
    status: row.status,
    errorCode: row.error_code,
    httpStatus: row.http_status,
    httpAlive: row.http_alive === true,
    era: row.era,
    protocolVersion: row.protocol_version,
    toolCount: row.tool_count,
    checkedAt: new Date(Number(row.checked_ms)),
  };
}

const CHECK_SELECT = sql`r.status, r.error_code, r.http_status, r.http_alive,
  coalesce((r.auth ->> 'required')::boolean, false) as auth_required,
  r.era, r.protocol_version, r.tool_count, (extract(epoch from r.checked_at) * 1000)::float8 as checked_ms`;

/**
 * Every directory endpoint, in URL order, with the latest check of those the directory probes.
 * The latest check is found through each region's last slot (`monitor_region_state`, kept by
 * ingest) and read by primary key, so the cost is one lookup per endpoint whatever the history.
 * A skipped slot never reaches the region state, so it is never an endpoint's latest check.
 * The `limit 1` keeps that read a lookup per row: flattened into a join, the planner would scan
 * every result partition to hash them, where the slot as a parameter prunes all partitions but one.
 */
export async function listAuditEndpoints(db: Executor): Promise<AuditEndpoint[]> {
  const rows = await queryRows<EndpointRow>(
    db,
    sql`select e.url, e.host, e.transport, e.auth_requirement, e.skip_reason,
          array(select n.name from (
            select distinct de.name from directory_entry_endpoints dee
            join directory_entries de on de.id = dee.entry_id
            where dee.endpoint_id = e.id order by de.name limit ${AUDIT_SERVERS_PER_ENDPOINT}
          ) n order by n.name) as servers,
          ${CHECK_SELECT}
        from directory_endpoints e
        left join monitors m on m.id = e.monitor_id and m.organization_id = ${DIRECTORY_ORGANIZATION_ID}
        left join lateral (
          select rs.region, rs.last_slot from monitor_region_state rs
          where rs.monitor_id = m.id and rs.last_slot is not null and e.skip_reason is null
          order by rs.last_slot desc limit 1
        ) latest on true
        left join lateral (
          select pr.* from probe_results pr
          where pr.monitor_id = m.id and pr.region = latest.region and pr.slot = latest.last_slot
            and pr.status <> 'skipped'
          limit 1
        ) r on true
        order by e.url`,
  );
  return rows.map((row) => ({
    url: row.url,
    host: row.host,
    transport: row.transport,
    authRequirement: row.auth_requirement,
    servers: row.servers ?? [],
    skipReason: row.skip_reason,
    check: row.skip_reason === null ? checkOf(row) : null,
  }));
}

/** One row of the daily series: how many endpoints ended `day` in `bucket`, with `errorCode`. */
export interface AuditDayRow {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  bucket: AuditBucket;
  /** '' for a check without an error code. */
  errorCode: string;
  endpoints: number;
}

/** The daily series from `from` (a UTC day, `YYYY-MM-DD`) on, oldest first. */
export async function readAuditDays(db: Executor, from: string): Promise<AuditDayRow[]> {
  const rows = await db
    .select()
    .from(directoryAuditDays)
    .where(gte(directoryAuditDays.day, from))
    .orderBy(asc(directoryAuditDays.day), asc(directoryAuditDays.bucket), asc(directoryAuditDays.errorCode));
  return rows.filter((row) => (AUDIT_BUCKETS as readonly string[]).includes(row.bucket));
}

/** The last check of each directory monitor checked in [from, to), bucketed. */
export async function lastChecksIn(db: Executor, from: Date, to: Date): Promise<AuditCheck[]> {
  const rows = await queryRows<CheckColumns>(
    db,
    sql`select ${CHECK_SELECT}
        from monitors m
        cross join lateral (
          select pr.* from probe_results pr
          where pr.monitor_id = m.id and pr.slot >= ${from.toISOString()}::timestamptz
            and pr.slot < ${to.toISOString()}::timestamptz and pr.status <> 'skipped'
          order by pr.slot desc limit 1
        ) r
        where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}`,
  );
  return rows.flatMap((row) => {
    const check = checkOf(row);
    return check ? [check] : [];
  });
}
