import type {
  CreatedWebhook,
  CreateWebhookBody,
  DeliveriesPage,
  DeliveriesQuery,
  QueuedDelivery,
  RotatedSecret,
  UpdateWebhookBody,
  WebhookDeliveryWithPayload,
  WebhookEndpoint,
  WebhookList,
} from '@mcpulse/contract';
import { api } from './client.js';

const webhookPath = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = (signal: AbortSignal) => api<WebhookList>('/api/v1/webhooks', { signal });
export const getWebhook = (id: string, signal: AbortSignal) =>
  api<WebhookEndpoint>(webhookPath(id), { signal });
export const createWebhook = (body: CreateWebhookBody) =>
  api<CreatedWebhook>('/api/v1/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: UpdateWebhookBody) =>
  api<WebhookEndpoint>(webhookPath(id), { method: 'PATCH', body });
export const deleteWebhook = (id: string) => api<void>(webhookPath(id), { method: 'DELETE' });
export const rotateWebhookSecret = (id: string) =>
  api<RotatedSecret>(`${webhookPath(id)}/rotate-secret`, { method: 'POST' });
export const sendTestEvent = (id: string) =>
  api<QueuedDelivery>(`${webhookPath(id)}/test`, { method: 'POST' });
export const listDeliveries = (id: string, query: DeliveriesQuery, signal: AbortSignal) =>
  api<DeliveriesPage>(`${webhookPath(id)}/deliveries`, { query, signal });
export const getDelivery = (id: string, deliveryId: string, signal: AbortSignal) =>
  api<WebhookDeliveryWithPayload>(`${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}`, {
    signal,
  });
export const redeliver = (id: string, deliveryId: string) =>
  api<QueuedDelivery>(`${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: 'POST',
  });
