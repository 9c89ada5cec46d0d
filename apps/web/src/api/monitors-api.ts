import { api } from './client.js';
import type {
  Drift,
  DriftSnapshots,
  Incident,
  LatencyFigures,
  Monitor,
  MonitorOverview,
  MonitorUptime,
  Page,
  ProbeResult,
  StoredResult,
  TestedResult,
  ToolsSnapshot,
  Windows,
} from './types.js';

const monitorPath = (id: string) => `/api/v1/monitors/${encodeURIComponent(id)}`;

export const listMonitors = (signal: AbortSignal) =>
  api<{ monitors: Monitor[] }>('/api/v1/monitors', { signal });
export const getOverview = (signal: AbortSignal) =>
  api<{ asOf: string; monitors: MonitorOverview[] }>('/api/v1/overview', { signal });
export const listRegions = (signal: AbortSignal) => api<{ regions: string[] }>('/api/v1/regions', { signal });
export const getMonitor = (id: string, signal: AbortSignal) => api<Monitor>(monitorPath(id), { signal });

export const createMonitor = (body: Record<string, unknown>) =>
  api<{ monitor: Monitor; probe: ProbeResult | null }>('/api/v1/monitors', { method: 'POST', body });
export const updateMonitor = (id: string, body: Record<string, unknown>) =>
  api<Monitor>(monitorPath(id), { method: 'PATCH', body });
export const deleteMonitor = (id: string) => api<void>(monitorPath(id), { method: 'DELETE' });
export const pauseMonitor = (id: string) => api<Monitor>(`${monitorPath(id)}/pause`, { method: 'POST' });
export const resumeMonitor = (id: string) => api<Monitor>(`${monitorPath(id)}/resume`, { method: 'POST' });
export const checkMonitor = (id: string) => api<ProbeResult>(`${monitorPath(id)}/check`, { method: 'POST' });
export const testConnection = (body: Record<string, unknown>) =>
  api<TestedResult>('/api/v1/monitors/test', { method: 'POST', body });

export const getResults = (
  id: string,
  query: { from?: string; cursor?: string; limit?: number },
  signal: AbortSignal,
) => api<Page<StoredResult>>(`${monitorPath(id)}/results`, { query, signal });
export const getUptime = (id: string, signal: AbortSignal) =>
  api<MonitorUptime>(`${monitorPath(id)}/uptime`, { signal });
export const getLatency = (id: string, signal: AbortSignal) =>
  api<Windows<LatencyFigures>>(`${monitorPath(id)}/latency`, { signal });
export const getIncidents = (id: string, query: { cursor?: string; limit?: number }, signal: AbortSignal) =>
  api<Page<Incident>>(`${monitorPath(id)}/incidents`, { query, signal });
export const getDrift = (id: string, query: { cursor?: string }, signal: AbortSignal) =>
  api<Page<Drift>>(`${monitorPath(id)}/drift`, { query, signal });
export const getDriftSnapshots = (id: string, driftId: string, signal: AbortSignal) =>
  api<DriftSnapshots>(`${monitorPath(id)}/drift/${encodeURIComponent(driftId)}/snapshots`, { signal });
export const getTools = (id: string, signal: AbortSignal) =>
  api<{ snapshot: ToolsSnapshot | null }>(`${monitorPath(id)}/tools`, { signal });

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
