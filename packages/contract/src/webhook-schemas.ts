import {
  DEFAULT_WEBHOOK_FORMAT,
  DELIVERY_STATUSES,
  EVENT_TYPES,
  WEBHOOK_CHANNELS,
  WEBHOOK_DISABLED_REASONS,
  WEBHOOK_FORMATS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import { httpUrl, pageLimit, unique } from './field-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    format: z.enum(WEBHOOK_FORMATS),
    eventTypes: z.array(z.enum(EVENT_TYPES)).describe('Empty: every event type'),
    monitorIds: z.array(z.uuid()).nullable().describe('Null: every monitor of the organisation'),
    enabled: z.boolean(),
    disabledReason: z
      .enum(WEBHOOK_DISABLED_REASONS)
      .nullable()
      .describe(
        '`gone`: the receiver answered 410; `failing`: every attempt failed for 24 h; `manual`: disabled through the API',
      ),
    failingSince: z.date().nullable().describe('Start of the current run of failed attempts'),
    createdAt: z.date(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema) });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType: z.enum(EVENT_TYPES),
    monitor: z
      .object({ id: z.uuid(), name: z.string().describe('The monitor’s name now') })
      .nullable()
      .describe('The monitor the event is about; null for webhook.test'),
    messageId: z.string().describe('The `webhook-id` header of every attempt of this delivery'),
    status: z
      .enum(DELIVERY_STATUSES)
      .describe(
        '`pending`: waiting for an attempt (see nextAttemptAt); `succeeded`: a 2xx answer; `failed`: stopped because the endpoint was disabled or the payload was unsendable; `abandoned`: still failing after 24 h of retries',
      ),
    attempts: z.number().int(),
    nextAttemptAt: z.date().nullable(),
    lastAttemptAt: z.date().nullable(),
    createdAt: z.date(),
    attemptLog: z.array(
      z
        .object({
          attempt: z.number().int(),
          attemptedAt: z.date(),
          statusCode: z.number().int().nullable(),
          latencyMs: z.number().int().nullable(),
          responseBody: z.string().nullable().describe('The first 2 KB of the answer'),
          error: z.string().nullable().describe('Why no answer came: `<code>: <message>`'),
          manual: z.boolean().describe('A redelivery asked for by hand'),
        })
        .meta({ id: 'WebhookAttempt' }),
    ),
  })
  .meta({ id: 'WebhookDelivery' });

/** The delivery a test event or a redelivery queued. */
export const queuedDeliverySchema = z.object({ delivery: deliverySchema });

export const deliveryWithPayloadSchema = deliverySchema
  .extend({
    format: z
      .enum(WEBHOOK_FORMATS)
      .describe('The format the body is rendered in: the endpoint’s current one'),
    payload: z
      .unknown()
      .describe(
        'The JSON body posted to the endpoint (rendered anew on each attempt, so after a format change the next attempt sends the new format); null when the event breaks the published schema and was never sent',
      ),
  })
  .meta({ id: 'WebhookDeliveryWithPayload' });

const webhookUrl = httpUrl().describe(
  'Where webhooks are POSTed; for the slack and discord formats, the incoming-webhook URL',
);

const fields = {
  url: webhookUrl,
  description: z.string().trim().max(500),
  format: z
    .enum(WEBHOOK_FORMATS)
    .describe(WEBHOOK_FORMATS.map((format) => `\`${format}\`: ${WEBHOOK_CHANNELS[format].hint}`).join(' ')),
  eventTypes: z
    .array(z.enum(EVENT_TYPES))
    .refine(unique, 'must not repeat an event type')
    .describe('Event types to receive; empty means every type'),
  monitorIds: z
    .array(z.uuid())
    .min(1, 'use null for every monitor')
    .max(500)
    .refine(unique, 'must not repeat a monitor')
    .nullable()
    .describe("Monitors to receive events of (the organisation's own); null means every monitor"),
};

export const createWebhookBody = z.object({
  url: fields.url,
  description: fields.description.default(''),
  format: fields.format.default(DEFAULT_WEBHOOK_FORMAT),
  eventTypes: fields.eventTypes.default([]),
  monitorIds: fields.monitorIds.default(null),
});

export const updateWebhookBody = z
  .object(fields)
  .partial()
  .extend({
    enabled: z
      .boolean()
      .optional()
      .describe('true re-enables a disabled endpoint and clears its failing state'),
  });

export const createdWebhookSchema = z.object({
  webhook: webhookSchema,
  secret: z
    .string()
    .describe('`whsec_…`: the signing secret, shown this once; verify with any Standard Webhooks library'),
});

export const rotatedSecretSchema = z.object({
  secret: z.string().describe('The new `whsec_…` secret, shown this once'),
});

export const deliveriesQuery = z.object({
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: pageLimit(100, 20),
});

export const deliveriesPageSchema = z.object({
  items: z.array(deliverySchema),
  nextCursor: z.string().nullable(),
});

export const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export type WebhookEndpoint = AnswerOf<typeof webhookSchema>;
export type WebhookList = AnswerOf<typeof webhookListSchema>;
export type CreateWebhookBody = RequestOf<typeof createWebhookBody>;
export type UpdateWebhookBody = RequestOf<typeof updateWebhookBody>;
export type CreatedWebhook = AnswerOf<typeof createdWebhookSchema>;
export type RotatedSecret = AnswerOf<typeof rotatedSecretSchema>;
export type DeliveriesQuery = RequestOf<typeof deliveriesQuery>;
export type DeliveriesPage = AnswerOf<typeof deliveriesPageSchema>;
export type WebhookDelivery = AnswerOf<typeof deliverySchema>;
export type WebhookAttempt = WebhookDelivery['attemptLog'][number];
/** One delivery with the JSON body it posts. */
export type WebhookDeliveryWithPayload = AnswerOf<typeof deliveryWithPayloadSchema>;
/** The delivery a test event or a redelivery queued. */
export type QueuedDelivery = AnswerOf<typeof queuedDeliverySchema>;
