import {
  confirmedSchema,
  errorResponse,
  idParams,
  noContent,
  pageSubscriberListSchema,
  pageSubscriberParams,
  subscribeBody,
  subscribedSchema,
  subscriberParams,
  subscriberSlugParams,
  subscriberTokenBody,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { confirmSubscription } from '../domain/status-pages/subscribers/confirm-subscription.js';
import {
  listPageSubscribers,
  removePageSubscriber,
} from '../domain/status-pages/subscribers/page-subscribers.js';
import { subscribe } from '../domain/status-pages/subscribers/subscribe.js';
import { unsubscribe } from '../domain/status-pages/subscribers/unsubscribe.js';
import { subscribeLimit } from '../plugins/rate-limits.js';
import type { RouteContext } from './route-context.js';

const tags = ['status pages'];
const publicErrors = { 400: errorResponse, 403: errorResponse, 404: errorResponse, 429: errorResponse };

/**
 * Subscribing to a public status page by webhook (docs/status-pages.md, "Subscribers"): no
 * authentication; the subscriber proves it reads its URL with the tokens sent there.
 */
export function publicStatusPageSubscriberRoutes({ app, options, now }: RouteContext): void {
  const limited = subscribeLimit(app, options.rateLimit);

  app.post(
    '/api/v1/public/status-pages/:slug/subscribers',
    {
      onRequest: limited,
      schema: {
        tags,
        summary:
          'Subscribe a URL to the page’s incidents, updates and maintenance; one signed confirmation message is sent to it',
        description:
          'The URL receives the `StatusPageEvent` schema (see components), signed per Standard Webhooks with the returned secret. Nothing but the `subscription.confirm` message is sent until the token in it is posted to its `confirm.url`. `403 quota_exceeded` when the page has its maximum of subscribers.',
        security: [],
        params: subscriberSlugParams,
        body: subscribeBody,
        response: { 202: subscribedSchema, ...publicErrors, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const subscription = await subscribe(options, request.params.slug, request.body.url, now());
      return reply.status(202).send(subscription);
    },
  );

  app.post(
    '/api/v1/public/status-pages/:slug/subscribers/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a subscription with the token of its confirmation message',
        description:
          '`403 forbidden` for a wrong token; `404` for an unknown subscriber or one left unconfirmed for a day.',
        security: [],
        params: subscriberParams,
        body: subscriberTokenBody,
        response: { 200: confirmedSchema, ...publicErrors },
      },
    },
    async (request) => confirmSubscription(options, { ...request.params, token: request.body.token }, now()),
  );

  app.delete(
    '/api/v1/public/status-pages/:slug/subscribers/:id',
    {
      schema: {
        tags,
        summary: 'Unsubscribe with the token every message carries (`unsubscribe.token`)',
        security: [],
        params: subscriberParams,
        body: subscriberTokenBody,
        response: { 204: noContent, ...publicErrors },
      },
    },
    async (request, reply) => {
      await unsubscribe(options, { ...request.params, token: request.body.token }, now());
      return reply.status(204).send(null);
    },
  );
}

/** A page owner's view of its subscribers, scoped to the caller's organisation. */
export function statusPageSubscriberRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/status-pages/:id/subscribers',
    {
      schema: {
        tags,
        summary: 'The page’s webhook subscribers, oldest first',
        params: idParams,
        response: {
          200: pageSubscriberListSchema,
          400: errorResponse,
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => ({
      subscribers: await listPageSubscribers(options.db, principalOf(request), request.params.id),
    }),
  );

  app.delete(
    '/api/v1/status-pages/:id/subscribers/:subscriberId',
    {
      schema: {
        tags,
        summary: 'Remove a subscriber of the page, with its delivery log',
        params: pageSubscriberParams,
        response: {
          204: noContent,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      await removePageSubscriber(
        options.db,
        principalOf(request),
        request.params.id,
        request.params.subscriberId,
      );
      return reply.status(204).send(null);
    },
  );
}
