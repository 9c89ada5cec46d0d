import {
  createdWebhookSchema,
  createWebhookBody,
  deliveriesPageSchema,
  deliveriesQuery,
  deliveryParams,
  deliveryWithPayloadSchema,
  errorResponse,
  idParams,
  noContent,
  queuedDeliverySchema,
  rotatedSecretSchema,
  updateWebhookBody,
  webhookListSchema,
  webhookSchema,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { createWebhook } from '../domain/webhooks/create-webhook.js';
import { deleteWebhook } from '../domain/webhooks/delete-webhook.js';
import { getWebhook } from '../domain/webhooks/get-webhook.js';
import { getWebhookDelivery } from '../domain/webhooks/get-webhook-delivery.js';
import { listWebhookDeliveries } from '../domain/webhooks/list-webhook-deliveries.js';
import { listWebhooks } from '../domain/webhooks/list-webhooks.js';
import { redeliverWebhook } from '../domain/webhooks/redeliver-webhook.js';
import { rotateWebhookSecret } from '../domain/webhooks/rotate-webhook-secret.js';
import { sendTestEvent } from '../domain/webhooks/send-test-event.js';
import { updateWebhook } from '../domain/webhooks/update-webhook.js';
import type { RouteContext } from './route-context.js';

const tags = ['webhooks'];
const readErrors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };
const writeErrors = { ...readErrors, 403: errorResponse };

/** Webhook endpoints of the caller's organisation, their delivery log, test events and redelivery. */
export function webhookRoutes({ app, options, now }: RouteContext): void {
  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: "The organisation's webhook endpoints, oldest first",
        description:
          'A standard-format endpoint receives the `WebhookEvent` schema (see components), signed per Standard Webhooks.',
        response: { 200: webhookListSchema, 401: errorResponse },
      },
    },
    async (request) => ({ webhooks: await listWebhooks(options.db, principalOf(request)) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint; its signing secret is in this response only',
        body: createWebhookBody,
        response: { 201: createdWebhookSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(options, principalOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'One webhook endpoint',
        params: idParams,
        response: { 200: webhookSchema, ...readErrors },
      },
    },
    async (request) => getWebhook(options.db, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook endpoint, or enable or disable it',
        params: idParams,
        body: updateWebhookBody,
        response: { 200: webhookSchema, ...writeErrors },
      },
    },
    async (request) => updateWebhook(options, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook endpoint with its delivery log',
        params: idParams,
        response: { 204: noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteWebhook(options.db, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret; the previous one keeps signing too for 24 h',
        params: idParams,
        response: {
          200: rotatedSecretSchema,
          ...writeErrors,
        },
      },
    },
    async (request) => rotateWebhookSecret(options, principalOf(request), request.params.id, now()),
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a webhook.test event to this endpoint; its outcome shows in the delivery log',
        params: idParams,
        response: { 202: queuedDeliverySchema, 409: errorResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const delivery = await sendTestEvent(options, principalOf(request), request.params.id, now());
      return reply.status(202).send({ delivery });
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log: deliveries newest first, each with every attempt',
        params: idParams,
        querystring: deliveriesQuery,
        response: { 200: deliveriesPageSchema, ...readErrors },
      },
    },
    async (request) =>
      listWebhookDeliveries(options.db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries/:deliveryId',
    {
      schema: {
        tags,
        summary: 'One delivery with the JSON body it posts',
        params: deliveryParams,
        response: { 200: deliveryWithPayloadSchema, ...readErrors },
      },
    },
    async (request) => {
      const { id, deliveryId } = request.params;
      return getWebhookDelivery(options.db, principalOf(request), id, deliveryId);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a delivery again now, with the same webhook-id, whatever its status',
        params: deliveryParams,
        response: { 202: queuedDeliverySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const delivery = await redeliverWebhook(options, principalOf(request), id, deliveryId);
      return reply.status(202).send({ delivery });
    },
  );
}
