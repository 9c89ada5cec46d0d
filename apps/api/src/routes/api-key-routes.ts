import {
  apiKeyListSchema,
  createApiKeyBody,
  createdApiKeySchema,
  errorResponse,
  idParams,
  noContent,
} from '@mcpulse/contract';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal.js';
import { createApiKey } from '../domain/api-keys/create-api-key.js';
import { listApiKeys } from '../domain/api-keys/list-api-keys.js';
import { revokeApiKey } from '../domain/api-keys/revoke-api-key.js';
import { requireSession } from '../plugins/auth-guard.js';
import type { RouteContext } from './route-context.js';

const security = [{ session: [] }];
// Before validation, so a key is refused the same way whatever body it sends.
const sessionOnly = async (request: FastifyRequest) => requireSession(request);

/** Key management belongs to a signed-in person: a key must not be able to mint or revoke keys. */
export function apiKeyRoutes({ app, options, now }: RouteContext): void {
  app.post(
    '/api/v1/api-keys',
    {
      preValidation: sessionOnly,
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; its secret is in this response only',
        security,
        body: createApiKeyBody,
        response: {
          201: createdApiKeySchema,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(options.db, principalOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/api-keys',
    {
      preValidation: sessionOnly,
      schema: {
        tags: ['api-keys'],
        summary: "The organisation's API keys, newest first, revoked ones included",
        security,
        response: {
          200: apiKeyListSchema,
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => ({ apiKeys: await listApiKeys(options.db, principalOf(request)) }),
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      preValidation: sessionOnly,
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key; it stops authenticating at once',
        security,
        params: idParams,
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
      await revokeApiKey(options.db, principalOf(request), request.params.id, now());
      return reply.status(204).send(null);
    },
  );
}
