import { type MonitorSettings, maskHeaders } from '@mcpulse/core';
import type { MASKED_HEADER_VALUE, MonitorDisplayStatus } from '@mcpulse/core/domain';
import { type Executor, monitorPauses, monitorState, monitors } from '@mcpulse/db';
import { asc, eq, type SQL, sql } from 'drizzle-orm';

/** A monitor as clients see it: header names only, never their values. */
export interface MonitorView extends MonitorSettings {
  id: string;
  paused: boolean;
  headers: Record<string, typeof MASKED_HEADER_VALUE>;
  status: MonitorDisplayStatus;
  statusSince: Date;
  lastCheckedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const openPauseStartedAt = sql`(
  select max(${monitorPauses.startedAt}) from ${monitorPauses}
  where ${monitorPauses.monitorId} = ${monitors.id} and ${monitorPauses.endedAt} is null
)`.mapWith(monitorPauses.startedAt);

/** `headers_sealed` is deliberately absent: what is never selected cannot leak into a response. */
const viewColumns = {
  id: monitors.id,
  name: monitors.name,
  url: monitors.url,
  transport: monitors.transport,
  regions: monitors.regions,
  intervalSeconds: monitors.intervalSeconds,
  timeoutMs: monitors.timeoutMs,
  degradedThresholdMs: monitors.degradedThresholdMs,
  confirmations: monitors.confirmations,
  regionQuorum: monitors.regionQuorum,
  paused: monitors.paused,
  isPublic: monitors.isPublic,
  headerNames: monitors.headerNames,
  createdAt: monitors.createdAt,
  updatedAt: monitors.updatedAt,
  state: monitorState.status,
  stateSince: monitorState.since,
  lastCheckedAt: monitorState.lastCheckedAt,
  pausedSince: openPauseStartedAt,
};

/** The status clients filter on: a paused monitor is `paused` whatever its last confirmed state. */
export const monitorStatusSql = sql<MonitorDisplayStatus>`case when ${monitors.paused} then 'paused' else coalesce(${monitorState.status}, 'pending') end`;

/** Monitors matching `where` (which must scope by organisation), in name order. */
export async function queryMonitorViews(
  db: Pick<Executor, 'select'>,
  where: SQL | undefined,
): Promise<MonitorView[]> {
  const rows = await db
    .select(viewColumns)
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(where)
    .orderBy(asc(sql`lower(${monitors.name})`), asc(monitors.name), asc(monitors.id));
  return rows.map(({ headerNames, state, stateSince, pausedSince, ...monitor }) => ({
    ...monitor,
    headers: maskHeaders(headerNames),
    status: monitor.paused ? 'paused' : (state ?? 'pending'),
    statusSince: (monitor.paused ? pausedSince : stateSince) ?? monitor.createdAt,
  }));
}
