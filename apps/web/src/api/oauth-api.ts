import type {
  ConnectMonitorBody,
  ConnectSettingsBody,
  OAuthConnectionState,
  OAuthConnectStarted,
} from '@mcpulse/contract';
import { api } from './client.js';

/** "Connect with OAuth" for the settings of a form not saved yet: save the monitor with the connection's id. */
export const connectSettings = (body: ConnectSettingsBody) =>
  api<OAuthConnectStarted>('/api/v1/oauth/connect', { method: 'POST', body });

/** "Connect with OAuth" (or "Reconnect") for a saved monitor: it keeps the connection at once. */
export const connectMonitor = (id: string, body: ConnectMonitorBody) =>
  api<OAuthConnectStarted>(`/api/v1/monitors/${encodeURIComponent(id)}/oauth/connect`, {
    method: 'POST',
    body,
  });

export const getConnection = (id: string, signal?: AbortSignal) =>
  api<OAuthConnectionState>(`/api/v1/oauth/connections/${encodeURIComponent(id)}`, signal ? { signal } : {});
