import { MONITOR_LIMITS, MONITOR_TRANSPORTS, OAUTH_CONNECTION_STATUSES } from '@mcpulse/core/domain';
import { z } from 'zod';
import { httpUrl } from './field-schemas.js';
import { monitorHeaders, oauthConnectionSummarySchema, oauthScope } from './monitor-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

const limits = MONITOR_LIMITS.oauth;

/** What a person may say of the client to sign in with; all optional (docs/probe.md, "Connect with OAuth"). */
const clientFields = {
  clientId: z
    .string()
    .trim()
    .min(1)
    .max(limits.clientIdLength)
    .optional()
    .describe(
      'A client registered with the authorization server beforehand; without it, mcpulse uses its Client ID Metadata Document where the server takes those, else dynamic registration',
    ),
  clientSecret: z
    .string()
    .min(1)
    .max(limits.secretLength)
    .optional()
    .describe(
      "The pre-registered client's secret, for a confidential client; stored encrypted, never returned",
    ),
  scope: oauthScope.optional().describe("Scopes to ask for, besides those the server's challenge names"),
};

function secretNeedsClient(value: {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}): boolean {
  return value.clientSecret === undefined || value.clientId !== undefined;
}
const secretNeedsClientIssue = { path: ['clientSecret'], message: 'a client secret needs its clientId' };

export const connectMonitorBody = z.object(clientFields).refine(secretNeedsClient, secretNeedsClientIssue);

export const connectSettingsBody = z
  .object({
    url: httpUrl('must not carry credentials').describe('The MCP endpoint the form will save'),
    transport: z.enum(MONITOR_TRANSPORTS).default('auto'),
    headers: monitorHeaders.default({}),
    ...clientFields,
  })
  .refine(secretNeedsClient, secretNeedsClientIssue);

export const connectStartedSchema = z
  .object({
    connectionId: z.uuid().describe('Follow the connection with GET /api/v1/oauth/connections/{id}'),
    authorizationUrl: z
      .string()
      .describe("Open it in the person's browser: the authorization server's sign-in"),
    expiresAt: z.date().describe('The browser must come back before this'),
  })
  .meta({ id: 'OAuthConnectStarted' });

export const oauthConnectionSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(OAUTH_CONNECTION_STATUSES),
    monitorId: z.uuid().nullable().describe('The monitor connected; null for a form not saved yet'),
    url: z.string(),
    connection: oauthConnectionSummarySchema
      .nullable()
      .describe('Once connected: the authorization server, the client and the scope; never the tokens'),
    failure: z.string().nullable().describe('Why it failed, once failed'),
    expiresAt: z.date(),
  })
  .meta({ id: 'OAuthConnection' });

export const oauthCallbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
});

export const clientMetadataDocumentSchema = z
  .object({
    client_id: z.string(),
    client_name: z.string(),
    client_uri: z.string(),
    redirect_uris: z.array(z.string()),
    grant_types: z.array(z.string()),
    response_types: z.array(z.string()),
    token_endpoint_auth_method: z.string(),
  })
  .meta({ id: 'ClientMetadataDocument' });

export type ConnectMonitorBody = RequestOf<typeof connectMonitorBody>;
export type ConnectSettingsBody = RequestOf<typeof connectSettingsBody>;
export type OAuthConnectStarted = AnswerOf<typeof connectStartedSchema>;
export type OAuthConnectionState = AnswerOf<typeof oauthConnectionSchema>;
