import { API_KEY_SCOPES } from '@mcpulse/core/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/principal.js';
import { createApiKey } from '../domain/api-keys/create-api-key.js';
import { listApiKeys } from '../domain/api-keys/list-api-keys.js';
import { revokeApiKey } from '../domain/api-keys/revoke-api-key.js';
import { requireSession } from '../plugins/auth-guard.js';
import { errorResponse, idParams, type RouteContext } from './route-context.js';

const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart'),
    scope: z.enum(API_KEY_SCOPES),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

const createBody = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(API_KEY_SCOPES).describe('`read` keys may only use GET; `write` keys may change things'),
});

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
        body: createBody,
        response: {
          201: z.object({
            apiKey: apiKeySchema,
            secret: z.string().describe('`mcpk_…`; send as `Authorization: Bearer …`. Shown once.'),
          }),
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
          200: z.object({ apiKeys: z.array(apiKeySchema) }),
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
          204: z.null(),
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
