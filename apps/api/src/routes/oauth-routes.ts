import {
  clientMetadataDocumentSchema,
  connectMonitorBody,
  connectSettingsBody,
  connectStartedSchema,
  errorResponse,
  idParams,
  oauthCallbackQuery,
  oauthConnectionSchema,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { connectionState } from '../domain/oauth/connection-status.js';
import { finishConnection } from '../domain/oauth/finish-connection.js';
import {
  CALLBACK_PATH,
  CLIENT_METADATA_PATH,
  clientMetadataDocument,
  requirePublicUrl,
} from '../domain/oauth/public-client.js';
import { startConnection } from '../domain/oauth/start-connection.js';
import type { RouteContext } from './route-context.js';

const tags = ['oauth'];
const startErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  429: errorResponse,
};

/** "Connect with OAuth" for a person signed in to the dashboard (docs/probe.md): start it, follow it. */
export function oauthRoutes({ app, options, now, probeSlots }: RouteContext): void {
  const deps = { ...options, probeSlots };
  app.post(
    '/api/v1/monitors/:id/oauth/connect',
    {
      schema: {
        tags,
        summary:
          "Connect a monitor with OAuth: answers the authorization server's sign-in URL for the browser",
        params: idParams,
        body: connectMonitorBody,
        response: { 200: connectStartedSchema, ...startErrors },
      },
    },
    async (request) =>
      startConnection(deps, principalOf(request), { monitorId: request.params.id }, request.body, now()),
  );

  app.post(
    '/api/v1/oauth/connect',
    {
      schema: {
        tags,
        summary: 'Connect with OAuth for a form not saved yet: save the monitor with the connection id',
        body: connectSettingsBody,
        response: { 200: connectStartedSchema, ...startErrors },
      },
    },
    async (request) => {
      const { url, transport, headers, ...choice } = request.body;
      return startConnection(
        deps,
        principalOf(request),
        { settings: { url, transport, headers } },
        choice,
        now(),
      );
    },
  );

  app.get(
    '/api/v1/oauth/connections/:id',
    {
      schema: {
        tags,
        summary: 'Where a connection of this session stands: pending, connected or failed',
        params: idParams,
        response: { 200: oauthConnectionSchema, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => connectionState(options, principalOf(request), request.params.id, now()),
  );
}

/**
 * The authorization server's redirect, and mcpulse's client metadata document: reached by a
 * browser coming back from another site (its session cookie, `SameSite=Lax`, comes along on that
 * top-level GET) and by authorization servers, so outside the authenticated scope.
 */
export function publicOAuthRoutes({ app, options, now, probeSlots }: RouteContext): void {
  const deps = { ...options, probeSlots };
  app.get(
    CALLBACK_PATH,
    {
      schema: {
        tags,
        summary:
          "The authorization server's redirect: exchanges the code, then sends the browser back to the dashboard",
        querystring: oauthCallbackQuery,
        response: { 400: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const sessionHash = principal?.kind === 'session' ? principal.sessionHash : null;
      const page = await finishConnection(deps, sessionHash, request.query, now());
      return reply.header('cache-control', 'no-store').redirect(page, 302);
    },
  );

  app.get(
    CLIENT_METADATA_PATH,
    {
      schema: {
        tags,
        summary: "mcpulse's OAuth Client ID Metadata Document: its client_id is this URL",
        response: { 200: clientMetadataDocumentSchema, 409: errorResponse },
      },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .send(clientMetadataDocument(requirePublicUrl(options.publicUrl))),
  );
}
