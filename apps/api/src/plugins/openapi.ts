import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { cspHeader, DOCS_CSP } from './security-headers.js';

/** OpenAPI 3 document at /docs/json, generated from the same zod schemas that validate requests. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mcpulse API',
        version: '1.0.0',
        description: 'Protocol-aware uptime monitoring for MCP servers.',
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key: `Authorization: Bearer mcpk_…`',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'mcpulse_session',
            description:
              'A signed-in browser session (set by sign-up and log-in). Its writes also need `csrfToken`.',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
              "Every POST, PUT, PATCH and DELETE made with a session cookie sends the session's `csrfToken` (from the sign-up, log-in and account answers) in this header; API keys need none.",
          },
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The operator token, `MCPULSE_ADMIN_TOKEN`: only the `/api/v1/admin` routes take it',
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: cspHeader(DOCS_CSP),
    // The public validator would send the document to swagger.io and draw a badge from there.
    uiConfig: { validatorUrl: null },
  });
}
