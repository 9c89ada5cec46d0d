import {
  type MaskedOAuthClient,
  type MonitorSettings,
  maskHeaders,
  maskOAuthClient,
  type OAuthConnectionSummary,
} from '@mcpulse/core';
import type { MASKED_HEADER_VALUE, MonitorDisplayStatus } from '@mcpulse/core/domain';
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitorPauses, monitorRegionState, monitorState, monitors } from '../../schema/index.js';
import { monitorOwnedBy } from './owned-monitor.js';

/** A monitor as clients see it: header names only, never their values. */
export interface MonitorView extends MonitorSettings {
  id: string;
  paused: boolean;
  headers: Record<string, typeof MASKED_HEADER_VALUE>;
  /** The OAuth client's id, method and scope, its secret or key masked (never read here). */
  oauth: MaskedOAuthClient | null;
  /**
   * The OAuth connection's issuer, client and scope (its refresh token is never read here), and
   * whether a region's last check found its consent revoked.
   */
  oauthConnection: (OAuthConnectionSummary & { consentRevoked: boolean }) | null;
  status: MonitorDisplayStatus;
  statusSince: Date;
  lastCheckedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MonitorFilter {
  /** Part of the name or URL, any case. */
  search?: string | undefined;
  status?: MonitorDisplayStatus | undefined;
}

const openPauseStartedAt = sql`(
  select max(${monitorPauses.startedAt}) from ${monitorPauses}
  where ${monitorPauses.monitorId} = ${monitors.id} and ${monitorPauses.endedAt} is null
)`.mapWith(monitorPauses.startedAt);

/** `headers_sealed`, `oauth_sealed` and `oauth_connection_sealed` are deliberately absent: what is never selected cannot leak into a response. */
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
  canary: monitors.canary,
  oauthClient: monitors.oauthClient,
  oauthConnection: monitors.oauthConnection,
  consentRevoked: sql<boolean>`exists (
    select 1 from ${monitorRegionState}
    where ${monitorRegionState.monitorId} = ${monitors.id} and ${monitorRegionState.lastErrorCode} = 'consent_revoked'
  )`.mapWith(Boolean),
  createdAt: monitors.createdAt,
  updatedAt: monitors.updatedAt,
  state: monitorState.status,
  stateSince: monitorState.since,
  lastCheckedAt: monitorState.lastCheckedAt,
  pausedSince: openPauseStartedAt,
};

/** The status clients filter on: a paused monitor is `paused` whatever its last confirmed state. */
const monitorStatusSql = sql<MonitorDisplayStatus>`case when ${monitors.paused} then 'paused' else coalesce(${monitorState.status}, 'pending') end`;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Monitors matching `where`, in name order. */
async function monitorViews(db: Pick<Executor, 'select'>, where: SQL | undefined): Promise<MonitorView[]> {
  const rows = await db
    .select(viewColumns)
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .where(where)
    .orderBy(asc(sql`lower(${monitors.name})`), asc(monitors.name), asc(monitors.id));
  return rows.map(
    ({
      headerNames,
      oauthClient,
      oauthConnection,
      consentRevoked,
      state,
      stateSince,
      pausedSince,
      ...monitor
    }) => ({
      ...monitor,
      headers: maskHeaders(headerNames),
      oauth: oauthClient === null ? null : maskOAuthClient(oauthClient),
      oauthConnection: oauthConnection === null ? null : { ...oauthConnection, consentRevoked },
      status: monitor.paused ? 'paused' : (state ?? 'pending'),
      statusSince: (monitor.paused ? pausedSince : stateSince) ?? monitor.createdAt,
    }),
  );
}

/** One monitor of `organizationId` as clients see it, or null when it has none by that id. */
export async function ownedMonitorView(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorId: string,
): Promise<MonitorView | null> {
  const [monitor] = await monitorViews(db, monitorOwnedBy(organizationId, monitorId));
  return monitor ?? null;
}

/** The monitors of `organizationId` that match `filter`, in name order. */
export async function listMonitorViews(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  filter: MonitorFilter,
): Promise<MonitorView[]> {
  const conditions: SQL[] = [eq(monitors.organizationId, organizationId)];
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    const matches = or(ilike(monitors.name, pattern), ilike(monitors.url, pattern));
    if (matches) conditions.push(matches);
  }
  if (filter.status) conditions.push(eq(monitorStatusSql, filter.status));
  return monitorViews(db, and(...conditions));
}

/** A monitor its owner made public, or null: a private monitor reads exactly like a missing one. */
export async function publicMonitorView(
  db: Pick<Executor, 'select'>,
  monitorId: string,
): Promise<MonitorView | null> {
  const [monitor] = await monitorViews(db, and(eq(monitors.id, monitorId), eq(monitors.isPublic, true)));
  return monitor ?? null;
}
