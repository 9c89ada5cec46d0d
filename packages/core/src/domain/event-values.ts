/** Every event mcpulse records and may send to webhook endpoints. */
export const EVENT_TYPES = [
  'monitor.down',
  'monitor.up',
  'monitor.degraded',
  'schema.drift',
  'webhook.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TRANSITION_EVENT_TYPES = ['monitor.down', 'monitor.up', 'monitor.degraded'] as const;
export type TransitionEventType = (typeof TRANSITION_EVENT_TYPES)[number];

/**
 * A delivery is pending until an attempt succeeds, it fails for good (a
 * permanent refusal, or its endpoint is judged broken), or its retries run out
 * (`abandoned`).
 */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'abandoned'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why an endpoint stopped receiving: `gone` (the receiver answered 410),
 * `failing` (every attempt failed for 24 h), `manual` (disabled through the API).
 */
export const WEBHOOK_DISABLED_REASONS = ['gone', 'failing', 'manual'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];
