/** Every event mcpulse records and may send to webhook endpoints. */
export const EVENT_TYPES = [
  'monitor.down',
  'monitor.up',
  'monitor.degraded',
  'schema.drift',
  'protocol.changed',
  'maintenance.started',
  'maintenance.ended',
  'incident.updated',
  'webhook.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What makes up the protocol a monitor speaks; a `protocol.changed` event
 * lists the parts that changed. The era and the transport are the probe's
 * values (PROTOCOL_ERAS, PROBE_TRANSPORTS), the version is the one the server
 * negotiated.
 */
export const PROTOCOL_PARTS = ['era', 'protocolVersion', 'transport'] as const;
export type ProtocolPart = (typeof PROTOCOL_PARTS)[number];

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
