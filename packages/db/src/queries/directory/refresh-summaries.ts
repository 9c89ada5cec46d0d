import {
  HistogramSum,
  type LatencyHistogram,
  type ProtocolIdentity,
  uptimeIn,
  uptimeTimeline,
} from '@mcpulse/core';
import {
  DIRECTORY_LIST_SERVERS,
  DIRECTORY_ORGANIZATION_ID,
  type DirectoryAuthRequirement,
  type DirectoryRemoteType,
  type DirectorySkipReason,
  type MonitorStatus,
} from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../database.js';
import { ceilTo, WINDOW_MS } from '../../reads/rollup-ranges.js';
import { regionsWithRollups, rollupsIn, seriesList } from '../../reads/rollup-scan.js';
import { uptimeHistories } from '../../reads/uptime-history.js';
import type { DirectorySummaryServer } from '../../schema/index.js';

/** Monitors read per statement, so the parameters and the rows in memory stay bounded at any size. */
const CHUNK = 1_000;
const HOUR_MS = 3_600_000;

interface EndpointRow {
  endpoint_id: string;
  url: string;
  host: string;
  declared_transport: DirectoryRemoteType;
  auth_requirement: DirectoryAuthRequirement;
  skip_reason: DirectorySkipReason | null;
  monitor_id: string | null;
  paused: boolean | null;
  status: MonitorStatus | null;
  since: Date | string | null;
  last_checked_at: Date | string | null;
  protocol: ProtocolIdentity | null;
  tool_count: number | null;
  last_schema_change_at: Date | string | null;
  error_code: string | null;
  regions: string[] | null;
  servers: DirectorySummaryServer[] | null;
}

interface HourRow {
  monitor_id: string;
  histogram: LatencyHistogram | null;
}

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

/**
 * The endpoints the public list shows, with everything but uptime and latency, in one statement. Only
 * monitors of the directory organisation are read: a link to anyone else's monitor reads as none.
 */
async function listedEndpoints(db: Executor): Promise<EndpointRow[]> {
  return queryRows<EndpointRow>(
    db,
    sql`select e.id as endpoint_id, e.url, e.host, e.transport as declared_transport, e.auth_requirement,
               e.skip_reason, m.id as monitor_id, m.paused, s.status, s.since, s.last_checked_at,
               s.protocol_tracking->'confirmed' as protocol,
               (select ss.tool_count from monitor_schema_snapshots ss
                 where ss.monitor_id = m.id and ss.hash = s.schema_hash) as tool_count,
               (select max(ev.occurred_at) from events ev
                 where ev.monitor_id = m.id and ev.type = 'schema.drift') as last_schema_change_at,
               (select rs.last_error_code from monitor_region_state rs
                 where rs.monitor_id = m.id
                 order by rs.last_slot desc nulls last limit 1) as error_code,
               case when m.id is null then null else ${regionsWithRollups(sql`m.id`)} end as regions,
               (select jsonb_agg(jsonb_build_object('name', n.name, 'title', n.title) order by n.inactive, n.name)
                  from (select de.name, min(de.title) as title, bool_and(de.status <> 'active') as inactive
                          from directory_entry_endpoints dee
                          join directory_entries de on de.id = dee.entry_id
                         where dee.endpoint_id = e.id
                         group by de.name
                         order by bool_and(de.status <> 'active'), de.name
                         limit ${DIRECTORY_LIST_SERVERS}) n) as servers
        from directory_endpoints e
        left join monitors m on m.id = e.monitor_id and m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid
        left join monitor_state s on s.monitor_id = m.id
        where e.skip_reason is null or e.skip_reason not in ('retired', 'opted_out')`,
  );
}

/** p95 over the last 24 hours of each monitor, from hour rollups, merged across its regions. */
async function dayP95(db: Executor, rows: EndpointRow[], now: Date): Promise<Map<string, number | null>> {
  const end = ceilTo(now, 'hour');
  const range = { granularity: 'hour' as const, from: new Date(end.getTime() - 24 * HOUR_MS), to: end };
  const series = rows.flatMap((row) =>
    row.monitor_id
      ? (row.regions ?? []).map((region) => ({ monitorId: row.monitor_id as string, region }))
      : [],
  );
  const sums = new Map<string, HistogramSum>();
  if (series.length > 0) {
    const hours = await queryRows<HourRow>(
      db,
      sql`select w.monitor_id, w.latency_histogram as histogram
          from ${rollupsIn(seriesList(series), [{ label: 'day', range }], sql`r.latency_histogram`)} as w`,
    );
    for (const hour of hours) {
      if (!hour.histogram) continue;
      const sum = sums.get(hour.monitor_id) ?? new HistogramSum();
      sums.set(hour.monitor_id, sum);
      sum.add(hour.histogram);
    }
  }
  return new Map([...sums].map(([id, sum]) => [id, sum.percentile(0.95)]));
}

const roundedMs = (ms: number | null | undefined) => (ms == null ? null : Math.round(ms));

function searchText(row: EndpointRow, servers: DirectorySummaryServer[]): string {
  return [row.url, ...servers.flatMap((server) => [server.name, server.title ?? ''])].join(' ').toLowerCase();
}

/**
 * Rewrites the public list's table from the directory's endpoints and their monitors' state: uptime
 * over 30 days by docs/uptime.md's one definition, p95 over 24 hours from rollups, the confirmed
 * protocol and tools. Idempotent; the rows of endpoints no longer listed go. Runs on the leader.
 */
export async function refreshDirectorySummaries(db: Executor, now: Date): Promise<{ endpoints: number }> {
  const rows = await listedEndpoints(db);
  const monthAgo = new Date(now.getTime() - WINDOW_MS['30d']);
  const values: ReturnType<typeof sql>[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const monitorIds = chunk.flatMap((row) => (row.monitor_id ? [row.monitor_id] : []));
    const [histories, p95] = await Promise.all([
      uptimeHistories(db, monitorIds, monthAgo, now),
      dayP95(db, chunk, now),
    ]);
    for (const row of chunk) {
      const history = row.monitor_id ? histories.get(row.monitor_id) : undefined;
      const uptime = history ? uptimeIn(uptimeTimeline(history), monthAgo, now).uptime : null;
      const servers = (row.servers ?? []).slice(0, DIRECTORY_LIST_SERVERS);
      const state = row.monitor_id === null ? 'pending' : row.paused ? 'paused' : (row.status ?? 'pending');
      const protocol = row.protocol;
      values.push(
        sql`(${row.endpoint_id}::uuid, ${row.url}, ${row.host}, ${JSON.stringify(servers)}::jsonb,
             ${servers[0]?.name ?? row.host}, ${searchText(row, servers)}, ${state},
             ${asDate(row.since)?.toISOString() ?? null}::timestamptz, ${row.skip_reason},
             ${row.error_code}, ${uptime}::float8,
             ${roundedMs(row.monitor_id ? p95.get(row.monitor_id) : null)}::int,
             ${protocol?.era ?? null}, ${protocol?.protocolVersion ?? null},
             ${protocol?.transport ?? row.declared_transport}, ${row.auth_requirement}, ${row.tool_count}::int,
             ${asDate(row.last_schema_change_at)?.toISOString() ?? null}::timestamptz,
             ${asDate(row.last_checked_at)?.toISOString() ?? null}::timestamptz, ${now.toISOString()}::timestamptz)`,
      );
    }
  }
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`delete from directory_summaries d
          where not exists (select 1 from directory_endpoints e where e.id = d.endpoint_id
                              and (e.skip_reason is null or e.skip_reason not in ('retired', 'opted_out')))`,
    );
    for (let start = 0; start < values.length; start += CHUNK) {
      await tx.execute(
        sql`insert into directory_summaries (endpoint_id, url, host, servers, name, search, state, state_since,
              skip_reason, error_code, uptime_30d, p95_ms, era, protocol_version, transport, auth_requirement,
              tool_count, last_schema_change_at, last_checked_at, refreshed_at)
            values ${sql.join(values.slice(start, start + CHUNK), sql`, `)}
            on conflict (endpoint_id) do update set url = excluded.url, host = excluded.host,
              servers = excluded.servers, name = excluded.name, search = excluded.search, state = excluded.state,
              state_since = excluded.state_since, skip_reason = excluded.skip_reason,
              error_code = excluded.error_code, uptime_30d = excluded.uptime_30d, p95_ms = excluded.p95_ms,
              era = excluded.era, protocol_version = excluded.protocol_version, transport = excluded.transport,
              auth_requirement = excluded.auth_requirement, tool_count = excluded.tool_count,
              last_schema_change_at = excluded.last_schema_change_at,
              last_checked_at = excluded.last_checked_at, refreshed_at = excluded.refreshed_at`,
      );
    }
  });
  return { endpoints: rows.length };
}
