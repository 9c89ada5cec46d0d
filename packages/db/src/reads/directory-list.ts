import type {
  DirectoryAuthRequirement,
  DirectoryListSort,
  DirectorySkipReason,
  MonitorDisplayStatus,
  ProbeTransport,
  ProtocolEra,
} from '@mcpulse/core/domain';
import { and, asc, count, desc, eq, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { type DirectorySummaryServer, directorySummaries } from '../schema/index.js';

export interface DirectoryListQuery {
  q?: string | undefined;
  state?: MonitorDisplayStatus | undefined;
  era?: ProtocolEra | 'none' | undefined;
  auth?: DirectoryAuthRequirement | undefined;
  /** An error code, or `none` for endpoints whose latest check had none. */
  errorCode?: string | undefined;
  sort: DirectoryListSort;
  order: 'asc' | 'desc';
  page: number;
  limit: number;
}

export interface DirectoryListItem {
  endpointId: string;
  url: string;
  servers: DirectorySummaryServer[];
  state: MonitorDisplayStatus;
  stateSince: Date | null;
  skipReason: DirectorySkipReason | null;
  errorCode: string | null;
  uptime30d: number | null;
  p95Ms: number | null;
  era: ProtocolEra | null;
  protocolVersion: string | null;
  transport: ProbeTransport;
  authRequirement: DirectoryAuthRequirement;
  toolCount: number | null;
  lastSchemaChangeAt: Date | null;
  lastCheckedAt: Date | null;
}

export interface DirectoryList {
  items: DirectoryListItem[];
  total: number;
  /** When the leader last refreshed the list; null before its first refresh. */
  refreshedAt: Date | null;
}

const t = directorySummaries;

/** Best states first when ascending: what a reader scanning for working servers wants on top. */
const STATE_RANK = sql`case ${t.state} when 'up' then 0 when 'degraded' then 1 when 'down' then 2
  when 'pending' then 3 else 4 end`;

const SORT_COLUMNS: Record<DirectoryListSort, SQL | typeof t.name> = {
  name: t.name,
  state: STATE_RANK,
  uptime: sql`${t.uptime30d}`,
  p95: sql`${t.p95Ms}`,
  tools: sql`${t.toolCount}`,
  checked: sql`${t.lastCheckedAt}`,
};

function filters(query: DirectoryListQuery): SQL | undefined {
  const where: SQL[] = [];
  // strpos, not LIKE: a search text is matched literally, `%` and `_` included.
  if (query.q) where.push(sql`strpos(${t.search}, ${query.q.toLowerCase()}) > 0`);
  if (query.state) where.push(eq(t.state, query.state));
  if (query.era === 'none') where.push(isNull(t.era));
  else if (query.era) where.push(eq(t.era, query.era));
  if (query.auth) where.push(eq(t.authRequirement, query.auth));
  if (query.errorCode === 'none') where.push(isNull(t.errorCode));
  else if (query.errorCode) where.push(eq(t.errorCode, query.errorCode));
  return where.length ? and(...where) : undefined;
}

function ordering(query: DirectoryListQuery): SQL[] {
  const by = query.order === 'desc' ? desc : asc;
  // Name order is the (name, endpoint_id) index, walked either way: no sort at all.
  if (query.sort === 'name') return [by(t.name), by(t.endpointId)];
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  return [sql`${SORT_COLUMNS[query.sort]} ${direction} nulls last`, asc(t.name), asc(t.endpointId)];
}

/**
 * One page of the public directory list from the summaries table: a filtered count and an ordered
 * page, both over one table of at most a row per endpoint. Nulls sort last whichever the order.
 * The page is chosen over the sort keys and ids alone, and only its rows are read whole: a deep
 * page then sorts 10,000 narrow tuples, not 10,000 rows with their server lists.
 */
export async function listDirectory(db: Executor, query: DirectoryListQuery): Promise<DirectoryList> {
  const where = filters(query);
  const order = ordering(query);
  const page = db
    .select({
      id: sql<string>`${t.endpointId}`.as('page_id'),
      at: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as('page_at'),
    })
    .from(t)
    .where(where)
    .orderBy(...order)
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
    .as('page');
  const [items, [totals], [refreshed]] = await Promise.all([
    db
      .select({
        endpointId: t.endpointId,
        url: t.url,
        servers: t.servers,
        state: t.state,
        stateSince: t.stateSince,
        skipReason: t.skipReason,
        errorCode: t.errorCode,
        uptime30d: t.uptime30d,
        p95Ms: t.p95Ms,
        era: t.era,
        protocolVersion: t.protocolVersion,
        transport: t.transport,
        authRequirement: t.authRequirement,
        toolCount: t.toolCount,
        lastSchemaChangeAt: t.lastSchemaChangeAt,
        lastCheckedAt: t.lastCheckedAt,
      })
      .from(page)
      .innerJoin(t, eq(t.endpointId, page.id))
      .orderBy(asc(page.at)),
    db.select({ total: count() }).from(t).where(where),
    db.select({ at: max(t.refreshedAt) }).from(t),
  ]);
  return { items, total: totals?.total ?? 0, refreshedAt: refreshed?.at ?? null };
}

/** The summaries of some endpoints, by id (a server's detail page). */
export async function directorySummariesOf(
  db: Executor,
  endpointIds: readonly string[],
): Promise<Map<string, DirectoryListItem>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(t)
    .where(sql`${t.endpointId} = any(${sql.param(endpointIds)}::uuid[])`)
    .orderBy(desc(t.refreshedAt));
  return new Map(
    rows.map((row) => [
      row.endpointId,
      {
        endpointId: row.endpointId,
        url: row.url,
        servers: row.servers,
        state: row.state,
        stateSince: row.stateSince,
        skipReason: row.skipReason,
        errorCode: row.errorCode,
        uptime30d: row.uptime30d,
        p95Ms: row.p95Ms,
        era: row.era,
        protocolVersion: row.protocolVersion,
        transport: row.transport,
        authRequirement: row.authRequirement,
        toolCount: row.toolCount,
        lastSchemaChangeAt: row.lastSchemaChangeAt,
        lastCheckedAt: row.lastCheckedAt,
      },
    ]),
  );
}
