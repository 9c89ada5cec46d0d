import {
  type CurrentTools,
  currentTools,
  type Db,
  type DriftView,
  driftHistory,
  type IncidentView,
  type LatencyWindows,
  latencyWindows,
  listIncidents,
  type MonitorOverview,
  type MonitorUptime,
  monitorsOverview,
  type Page,
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

/** The monitor's confirmed tools, or null before a schema is confirmed. */
export async function readTools(db: Db, principal: Caller, monitorId: string): Promise<CurrentTools | null> {
  return readOwnMonitor(db, principal, monitorId, (id) => currentTools(db, id));
}

/** Every monitor of the caller's organisation with its figures as of `asOf`. */
export async function readOverview(db: Db, principal: Caller, asOf: Date): Promise<MonitorOverview[]> {
  return monitorsOverview(db, principal.organizationId, asOf);
}
