import {
  type ChangeView,
  type CurrentTools,
  changeTimeline,
  currentTools,
  type Db,
  type DriftView,
  driftHistory,
  type IncidentView,
  type LatencyWindows,
  latencyWindows,
  listIncidents,
  listReleases,
  type MonitorOverview,
  type MonitorUptime,
  monitorsOverview,
  type Page,
  type ReleaseFilter,
  type ReleaseView,
  uptimeWindows,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { readOwnMonitor } from './read-own-monitor.js';

type Caller = Pick<Principal, 'organizationId'>;

export interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}

/** Uptime of one of the caller's monitors, over each window up to `asOf`. */
export async function readUptime(
  db: Db,
  principal: Caller,
  monitorId: string,
  asOf: Date,
): Promise<MonitorUptime> {
  return readOwnMonitor(db, principal, monitorId, (id) => uptimeWindows(db, id, asOf));
}

export async function readLatency(
  db: Db,
  principal: Caller,
  monitorId: string,
  asOf: Date,
): Promise<LatencyWindows> {
  return readOwnMonitor(db, principal, monitorId, (id) => latencyWindows(db, id, asOf));
}

export async function readIncidents(
  db: Db,
  principal: Caller,
  monitorId: string,
  query: PageQuery,
): Promise<Page<IncidentView>> {
  return readOwnMonitor(db, principal, monitorId, (id) => listIncidents(db, id, query.cursor, query.limit));
}

export async function readDrift(
  db: Db,
  principal: Caller,
  monitorId: string,
  query: PageQuery,
): Promise<Page<DriftView>> {
  return readOwnMonitor(db, principal, monitorId, (id) => driftHistory(db, id, query.cursor, query.limit));
}

/** Everything that changed about the server: schema drifts, protocol changes and releases, newest first. */
export async function readChanges(
  db: Db,
  principal: Caller,
  monitorId: string,
  query: PageQuery,
): Promise<Page<ChangeView>> {
  return readOwnMonitor(db, principal, monitorId, (id) => changeTimeline(db, id, query.cursor, query.limit));
}

/** Release markers, newest first, optionally within a window. */
export async function readReleases(
  db: Db,
  principal: Caller,
  monitorId: string,
  query: PageQuery & ReleaseFilter,
): Promise<Page<ReleaseView>> {
  return readOwnMonitor(db, principal, monitorId, (id) =>
    listReleases(db, id, { from: query.from, to: query.to }, query.cursor, query.limit),
  );
}

/** The monitor's confirmed tools, or null before a schema is confirmed. */
export async function readTools(db: Db, principal: Caller, monitorId: string): Promise<CurrentTools | null> {
  return readOwnMonitor(db, principal, monitorId, (id) => currentTools(db, id));
}

/** Every monitor of the caller's organisation with its figures as of `asOf`. */
export async function readOverview(db: Db, principal: Caller, asOf: Date): Promise<MonitorOverview[]> {
  return monitorsOverview(db, principal.organizationId, asOf);
}
