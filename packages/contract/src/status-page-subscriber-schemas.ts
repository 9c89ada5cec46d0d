import { WEBHOOK_DISABLED_REASONS } from '@mcpulse/core/domain';
import { z } from 'zod';
import { httpUrl } from './field-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

/**
 * Webhook subscribers of a public status page (docs/status-pages.md, "Subscribers"): anyone may
 * subscribe a URL on the public page; it receives the page's public payload (`StatusPageEvent`),
 * signed, once it confirmed with the token of the one message sent before.
 */

/** A slug as a path carries it: checked only for length and characters, as a lookup, not as a new slug. */
const slug = z
  .string()
  .max(48)
  .regex(/^[a-z0-9-]+$/);

export const subscriberSlugParams = z.object({ slug });
export const subscriberParams = z.object({ slug, id: z.uuid() });
export const pageSubscriberParams = z.object({ id: z.uuid(), subscriberId: z.uuid() });

export const subscribeBody = z.object({
  url: httpUrl().describe(
    'Where the page’s messages are POSTed; refused when it can only reach a private address in the hosted service',
  ),
});

export const subscribedSchema = z
  .object({
    id: z.uuid(),
    secret: z
      .string()
      .describe('`whsec_…`: signs every message to the URL (Standard Webhooks); shown this once'),
    status: z.literal('pending'),
  })
  .meta({ id: 'StatusPageSubscription' });

export const subscriberTokenBody = z.object({
  token: z.string().min(1).max(64).describe('The token the message to the URL carried'),
});

export const confirmedSchema = z.object({ id: z.uuid(), status: z.literal('confirmed') });

export const pageSubscriberSchema = z
  .object({
    id: z.uuid(),
    url: z
      .string()
      .describe(
        "The URL's origin only (`https://hooks.example.com/••••••`): the full URL is the subscriber's, sealed",
      ),
    status: z.enum(['pending', 'confirmed']),
    enabled: z.boolean(),
    disabledReason: z
      .enum(WEBHOOK_DISABLED_REASONS)
      .nullable()
      .describe('`gone`: the receiver answered 410; `failing`: every attempt failed for 24 h'),
    createdAt: z.date(),
    confirmedAt: z.date().nullable(),
  })
  .meta({ id: 'StatusPageSubscriber' });

export const pageSubscriberListSchema = z.object({ subscribers: z.array(pageSubscriberSchema) });

export type SubscribeBody = RequestOf<typeof subscribeBody>;
export type StatusPageSubscription = AnswerOf<typeof subscribedSchema>;
export type StatusPageSubscriber = AnswerOf<typeof pageSubscriberSchema>;
export type StatusPageSubscriberList = AnswerOf<typeof pageSubscriberListSchema>;
