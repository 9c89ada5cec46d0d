import type {
  BadgeSettings,
  BadgeSettingsBody,
  ChangesPage,
  ChangesQuery,
  CreatedMonitor,
  CreateMonitorBody,
  DriftPage,
  DriftQuery,
  DriftSnapshots,
  IncidentsPage,
  IncidentsQuery,
  Monitor,
  MonitorLatency,
  MonitorList,
  MonitorTools,
  MonitorUptime,
  Overview,
  ProbeResult,
  RegionList,
  ReleasesPage,
  ReleasesQuery,
  ResultsPage,
  ResultsQuery,
  StoredResult,
  TestConnectionBody,
  TestConnectionResult,
  UpdateMonitorBody,
} from '@mcpulse/contract';
import { api } from './client.js';

const monitorPath = (id: string) => `/api/v1/monitors/${encodeURIComponent(id)}`;

export const listMonitors = (signal: AbortSignal) => api<MonitorList>('/api/v1/monitors', { signal });
export const getOverview = (signal: AbortSignal) => api<Overview>('/api/v1/overview', { signal });
export const listRegions = (signal: AbortSignal) => api<RegionList>('/api/v1/regions', { signal });
export const getMonitor = (id: string, signal: AbortSignal) => api<Monitor>(monitorPath(id), { signal });

export const createMonitor = (body: CreateMonitorBody) =>
  api<CreatedMonitor>('/api/v1/monitors', { method: 'POST', body });
export const updateMonitor = (id: string, body: UpdateMonitorBody) =>
  api<Monitor>(monitorPath(id), { method: 'PATCH', body });
export const deleteMonitor = (id: string) => api<void>(monitorPath(id), { method: 'DELETE' });
export const pauseMonitor = (id: string) => api<Monitor>(`${monitorPath(id)}/pause`, { method: 'POST' });
export const resumeMonitor = (id: string) => api<Monitor>(`${monitorPath(id)}/resume`, { method: 'POST' });
export const checkMonitor = (id: string) => api<ProbeResult>(`${monitorPath(id)}/check`, { method: 'POST' });
export const testConnection = (body: TestConnectionBody) =>
  api<TestConnectionResult>('/api/v1/monitors/test', { method: 'POST', body });

export const getResults = (id: string, query: ResultsQuery, signal: AbortSignal) =>
  api<ResultsPage>(`${monitorPath(id)}/results`, { query, signal });
export const getUptime = (id: string, signal: AbortSignal) =>
  api<MonitorUptime>(`${monitorPath(id)}/uptime`, { signal });
export const getLatency = (id: string, signal: AbortSignal) =>
  api<MonitorLatency>(`${monitorPath(id)}/latency`, { signal });
export const getIncidents = (id: string, query: IncidentsQuery, signal: AbortSignal) =>
  api<IncidentsPage>(`${monitorPath(id)}/incidents`, { query, signal });
export const getDrift = (id: string, query: DriftQuery, signal: AbortSignal) =>
  api<DriftPage>(`${monitorPath(id)}/drift`, { query, signal });
export const getDriftSnapshots = (id: string, driftId: string, signal: AbortSignal) =>
  api<DriftSnapshots>(`${monitorPath(id)}/drift/${encodeURIComponent(driftId)}/snapshots`, { signal });
export const getChanges = (id: string, query: ChangesQuery, signal: AbortSignal) =>
  api<ChangesPage>(`${monitorPath(id)}/changes`, { query, signal });
export const getReleases = (id: string, query: ReleasesQuery, signal: AbortSignal) =>
  api<ReleasesPage>(`${monitorPath(id)}/releases`, { query, signal });
export const getTools = (id: string, signal: AbortSignal) =>
  api<MonitorTools>(`${monitorPath(id)}/tools`, { signal });

/** Results since `from`, newest first, following pages up to `max` results. */
export async function getResultsSince(
  id: string,
  from: Date,
  max: number,
  signal: AbortSignal,
): Promise<StoredResult[]> {
  const items: StoredResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await getResults(
      id,
      { from: from.toISOString(), limit: 500, ...(cursor ? { cursor } : {}) },
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}

export const getBadgeSettings = (id: string, signal: AbortSignal) =>
  api<BadgeSettings>(`${monitorPath(id)}/badges`, { signal });
export const setBadgeSettings = (id: string, body: BadgeSettingsBody) =>
  api<BadgeSettings>(`${monitorPath(id)}/badges`, { method: 'PUT', body });
