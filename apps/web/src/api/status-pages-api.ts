import type {
  IncidentUpdate,
  IncidentUpdateBody,
  IncidentUpdateList,
  StatusPage,
  StatusPageBody,
  StatusPageList,
  StatusPageSubscriberList,
} from '@mcpulse/contract';
import { api } from './client.js';

const pagePath = (id: string) => `/api/v1/status-pages/${encodeURIComponent(id)}`;
const updatesPath = (incidentId: string) => `/api/v1/incidents/${encodeURIComponent(incidentId)}/updates`;

export const listStatusPages = (signal: AbortSignal) =>
  api<StatusPageList>('/api/v1/status-pages', { signal });
export const getStatusPage = (id: string, signal: AbortSignal) => api<StatusPage>(pagePath(id), { signal });
export const createStatusPage = (body: StatusPageBody) =>
  api<StatusPage>('/api/v1/status-pages', { method: 'POST', body });
/** Replaces the whole page, groups included. */
export const replaceStatusPage = (id: string, body: StatusPageBody) =>
  api<StatusPage>(pagePath(id), { method: 'PUT', body });
export const deleteStatusPage = (id: string) => api<void>(pagePath(id), { method: 'DELETE' });
/** Has the API look up the TXT record that proves the page's custom domain; a 409 says what it found. */
export const verifyStatusPageDomain = (id: string) =>
  api<StatusPage>(`${pagePath(id)}/domain-verification`, { method: 'POST' });

export const listIncidentUpdates = (incidentId: string, signal: AbortSignal) =>
  api<IncidentUpdateList>(updatesPath(incidentId), { signal });
export const postIncidentUpdate = (incidentId: string, body: IncidentUpdateBody) =>
  api<IncidentUpdate>(updatesPath(incidentId), { method: 'POST', body });
export const deleteIncidentUpdate = (incidentId: string, updateId: string) =>
  api<void>(`${updatesPath(incidentId)}/${encodeURIComponent(updateId)}`, { method: 'DELETE' });

export const listPageSubscribers = (pageId: string, signal: AbortSignal) =>
  api<StatusPageSubscriberList>(`${pagePath(pageId)}/subscribers`, { signal });
export const removePageSubscriber = (pageId: string, subscriberId: string) =>
  api<void>(`${pagePath(pageId)}/subscribers/${encodeURIComponent(subscriberId)}`, { method: 'DELETE' });
