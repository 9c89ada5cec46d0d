import { api } from './client.js';
import type { Delivery, DeliveryWithPayload, Page, WebhookEndpoint, WebhookFormat } from './types.js';

export interface WebhookInput {
  url: string;
  description?: string;
  format: WebhookFormat;
  eventTypes: string[];
  monitorIds: string[] | null;
  enabled?: boolean;
}

const webhookPath = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = (signal: AbortSignal) =>
  api<{ webhooks: WebhookEndpoint[] }>('/api/v1/webhooks', { signal });
export const getWebhook = (id: string, signal: AbortSignal) =>
  api<WebhookEndpoint>(webhookPath(id), { signal });
export const createWebhook = (body: WebhookInput) =>
  api<{ webhook: WebhookEndpoint; secret: string }>('/api/v1/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: Partial<WebhookInput>) =>
  api<unknown>(webhookPath(id), { method: 'PATCH', body });
export const deleteWebhook = (id: string) => api<void>(webhookPath(id), { method: 'DELETE' });
export const rotateWebhookSecret = (id: string) =>
  api<{ secret: string }>(`${webhookPath(id)}/rotate-secret`, { method: 'POST' });
export const sendTestEvent = (id: string) =>
  api<{ delivery: Delivery }>(`${webhookPath(id)}/test`, { method: 'POST' });
export const listDeliveries = (id: string, query: { cursor?: string; limit?: number }, signal: AbortSignal) =>
  api<Page<Delivery>>(`${webhookPath(id)}/deliveries`, { query, signal });
export const getDelivery = (id: string, deliveryId: string, signal: AbortSignal) =>
  api<DeliveryWithPayload>(`${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}`, { signal });
export const redeliver = (id: string, deliveryId: string) =>
  api<unknown>(`${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: 'POST',
  });
