import { NotFound } from '@mcpulse/core';
import {
  type ChangeView,
  type CurrentTools,
  changeTimeline,
  currentTools,
  type Db,
  type DirectoryListItem,
  type DirectoryServerEndpoint,
  type DirectoryServerEntry,
  directoryServer,
  directorySummariesOf,
  type IncidentView,
  type LatencyWindows,
  latencyWindows,
  listIncidents,
  type MonitorUptime,
  type Page,
  uptimeWindows,
} from '@mcpulse/db';

/** The newest changes and incidents shown per endpoint; older ones are the monitor's business. */
const RECENT = 10;

export interface DirectoryEndpointDetail extends Omit<DirectoryServerEndpoint, 'monitorId'> {
  summary: DirectoryListItem | null;
  uptime: ({ asOf: Date } & MonitorUptime) | null;
  latency: { asOf: Date; windows: LatencyWindows } | null;
  tools: CurrentTools | null;
  changes: Page<ChangeView>;
  incidents: Page<IncidentView>;
}

export interface DirectoryServerDetail {
  name: string;
  entries: DirectoryServerEntry[];
  endpoints: DirectoryEndpointDetail[];
}

const NONE = { items: [], nextCursor: null };

/**
 * One server name's public page: its registry entries, and for each endpoint they list the same reads
 * a monitor's owner gets (uptime by the one definition, latency, tools, changes, incidents). A name no
 * registry lists is a 404.
 */
export async function readDirectoryServer(db: Db, name: string, now: Date): Promise<DirectoryServerDetail> {
  const server = await directoryServer(db, name);
  if (!server) throw new NotFound('directory server');
  const summaries = await directorySummariesOf(
    db,
    server.endpoints.map((endpoint) => endpoint.endpointId),
  );
  const endpoints: DirectoryEndpointDetail[] = [];
  // One endpoint after another: a name lists a handful, and each read is already several statements.
  for (const { monitorId, ...endpoint } of server.endpoints) {
    const summary = summaries.get(endpoint.endpointId) ?? null;
    if (!monitorId) {
      endpoints.push({
        ...endpoint,
        summary,
        uptime: null,
        latency: null,
        tools: null,
        changes: NONE,
        incidents: NONE,
      });
      continue;
    }
    const [uptime, latency, tools, changes, incidents] = await Promise.all([
      uptimeWindows(db, monitorId, now),
      latencyWindows(db, monitorId, now),
      currentTools(db, monitorId),
      changeTimeline(db, monitorId, undefined, RECENT),
      listIncidents(db, monitorId, undefined, RECENT),
    ]);
    endpoints.push({
      ...endpoint,
      summary,
      uptime: { asOf: now, ...uptime },
      latency: { asOf: now, windows: latency },
      tools,
      changes,
      incidents,
    });
  }
  return { name, entries: server.entries, endpoints };
}
