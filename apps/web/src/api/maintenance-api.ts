import type {
  CreateMaintenanceWindowBody,
  MaintenanceWindow,
  MaintenanceWindowList,
} from '@mcpulse/contract';
import { api } from './client.js';

export const listMaintenanceWindows = (monitorId: string, signal: AbortSignal) =>
  api<MaintenanceWindowList>('/api/v1/maintenance-windows', { query: { monitorId }, signal });
export const createMaintenanceWindow = (body: CreateMaintenanceWindowBody) =>
  api<MaintenanceWindow>('/api/v1/maintenance-windows', { method: 'POST', body });
export const endMaintenanceWindow = (id: string, cancel: boolean) =>
  api<void>(`/api/v1/maintenance-windows/${encodeURIComponent(id)}/end`, {
    method: 'POST',
    ...(cancel ? { query: { cancel: 'true' } } : {}),
  });
