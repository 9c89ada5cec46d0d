import { headerProblems, probeResultSchema, publishedToolSchema, toolCanarySchema } from '@mcpulse/core';
import {
  MASKED_HEADER_VALUE,
  MONITOR_DEFAULTS,
  MONITOR_DISPLAY_STATUSES,
  MONITOR_LIMITS,
  MONITOR_TRANSPORTS,
  OAUTH_CLIENT_AUTH_METHODS,
  OAUTH_CLIENT_REGISTRATIONS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import { httpUrl, unique } from './field-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

const limits = MONITOR_LIMITS;

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;

/** Space-separated OAuth scope tokens (RFC 6749 §3.3). */
export const oauthScope = z
  .string()
  .max(limits.oauth.scopeLength)
  .regex(SCOPE, 'space-separated scope tokens (RFC 6749 §3.3)');

/** A monitor's OAuth connection as answered: never its refresh token or client secret. */
export const oauthConnectionSummarySchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  registration: z.enum(OAUTH_CLIENT_REGISTRATIONS),
  scope: z.string().nullable(),
  connectedAt: z.string(),
});

export const monitorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    transport: z.enum(MONITOR_TRANSPORTS),
    regions: z.array(z.string()),
    intervalSeconds: z.number().int(),
    timeoutMs: z.number().int(),
    degradedThresholdMs: z.number().int(),
    confirmations: z.number().int(),
    regionQuorum: z.number().int().nullable(),
    paused: z.boolean(),
    isPublic: z.boolean(),
    headers: z
      .record(z.string(), z.literal(MASKED_HEADER_VALUE))
      .describe('Header names; values are never returned'),
    canary: toolCanarySchema.nullable().describe('The tool called on every check, or null'),
    oauth: z
      .object({
        clientId: z.string(),
        authMethod: z.enum(OAUTH_CLIENT_AUTH_METHODS),
        scope: z.string().nullable(),
        issuer: z.string().nullable(),
        clientSecret: z.literal(MASKED_HEADER_VALUE).optional(),
        privateKey: z.literal(MASKED_HEADER_VALUE).optional(),
      })
      .nullable()
      .describe('OAuth client credentials the checks get tokens with; the secret or key is never returned'),
    oauthConnection: oauthConnectionSummarySchema
      .extend({
        consentRevoked: z
          .boolean()
          .describe("A region's last check found the refresh token refused (consent_revoked): connect again"),
      })
      .nullable()
      .describe(
        'The OAuth connection ("Connect with OAuth") the checks refresh tokens with; never its tokens',
      ),
    status: z.enum(MONITOR_DISPLAY_STATUSES),
    statusSince: z.date(),
    lastCheckedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Monitor' });

export const monitorListSchema = z.object({ monitors: z.array(monitorSchema) });

const url = httpUrl('must not carry credentials; use an Authorization header').describe(
  'The MCP endpoint, http or https',
);

/** A monitor's request headers, checked as the probe will send them. */
export const monitorHeaders = z
  .record(z.string(), z.string())
  .superRefine((value, ctx) => {
    for (const problem of headerProblems(value)) {
      ctx.addIssue({
        code: 'custom',
        path: problem.name === null ? [] : [problem.name],
        message: problem.message,
      });
    }
  })
  .describe(
    `Request headers sent with every probe, e.g. Authorization (at most ${limits.headers.max}); stored encrypted, never returned`,
  );

const oauth = z
  .strictObject({
    clientId: z.string().trim().min(1).max(limits.oauth.clientIdLength),
    authMethod: z.enum(OAUTH_CLIENT_AUTH_METHODS),
    clientSecret: z
      .string()
      .min(1)
      .max(limits.oauth.secretLength)
      .optional()
      .describe(
        `For client_secret_basic and client_secret_post; "${MASKED_HEADER_VALUE}" keeps the saved one`,
      ),
    privateKey: z
      .string()
      .min(1)
      .max(limits.oauth.privateKeyLength)
      .optional()
      .describe(
        `PEM private key (RSA or EC P-256) for private_key_jwt; "${MASKED_HEADER_VALUE}" keeps the saved one`,
      ),
    scope: oauthScope.optional(),
    issuer: httpUrl()
      .optional()
      .describe(
        'The authorization server (issuer) the credentials belong to: when set, they are only sent to it, whichever one the monitored server names',
      ),
  })
  .superRefine((value, ctx) => {
    if (value.authMethod === 'private_key_jwt' && value.clientSecret !== undefined)
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'not used by private_key_jwt' });
    if (value.authMethod !== 'private_key_jwt' && value.privateKey !== undefined)
      ctx.addIssue({ code: 'custom', path: ['privateKey'], message: `not used by ${value.authMethod}` });
  })
  .nullable()
  .describe(
    'OAuth client credentials (the MCP client-credentials extension): each check gets a token from the authorization server the server names; stored encrypted, the secret never returned. null for none',
  );

const regions = z
  .array(z.string().min(1).max(limits.regionNameLength.max))
  .min(limits.regions.min)
  .max(limits.regions.max)
  .refine(unique, 'must not repeat a region');

/** Each field once, without defaults, so that a partial update never fills in what the client left out. */
const fields = {
  name: z.string().trim().min(1).max(limits.nameLength.max),
  url,
  transport: z.enum(MONITOR_TRANSPORTS),
  regions,
  intervalSeconds: z.number().int().min(limits.intervalSeconds.min).max(limits.intervalSeconds.max),
  timeoutMs: z.number().int().min(limits.timeoutMs.min).max(limits.timeoutMs.max),
  degradedThresholdMs: z
    .number()
    .int()
    .min(limits.degradedThresholdMs.min)
    .max(limits.degradedThresholdMs.max)
    .describe('A successful check slower than this is degraded; must be less than timeoutMs'),
  confirmations: z
    .number()
    .int()
    .min(limits.confirmations.min)
    .max(limits.confirmations.max)
    .describe('Consecutive results needed to change state'),
  regionQuorum: z
    .number()
    .int()
    .min(limits.regionQuorum.min)
    .max(limits.regionQuorum.max)
    .nullable()
    .describe('Regions that must agree, at most the number of regions; null means half, at least one'),
  isPublic: z.boolean(),
  headers: monitorHeaders,
  canary: toolCanarySchema
    .nullable()
    .describe(
      'A tool to call on every check after tools/list (docs/probe.md, "Tool-call canary"); null for none. Checked against the server\'s tools when saved',
    ),
  oauth,
};

export const createMonitorBody = z.object({
  ...fields,
  transport: fields.transport.default(MONITOR_DEFAULTS.transport),
  regions: fields.regions.optional().describe("Default: all of the deployment's regions"),
  intervalSeconds: fields.intervalSeconds.default(MONITOR_DEFAULTS.intervalSeconds),
  timeoutMs: fields.timeoutMs.default(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: fields.degradedThresholdMs.default(MONITOR_DEFAULTS.degradedThresholdMs),
  confirmations: fields.confirmations.default(MONITOR_DEFAULTS.confirmations),
  regionQuorum: fields.regionQuorum.default(MONITOR_DEFAULTS.regionQuorum),
  isPublic: fields.isPublic.default(MONITOR_DEFAULTS.isPublic),
  headers: fields.headers.default({}),
  canary: fields.canary.default(null),
  oauth: fields.oauth.default(null),
  oauthConnection: z
    .uuid()
    .optional()
    .describe(
      'A connection made for this form with POST /api/v1/oauth/connect (same session, same URL): the monitor keeps its refresh token',
    ),
  probeFirst: z
    .boolean()
    .default(false)
    .describe(
      'Probe with these settings before saving; the monitor is saved whatever the result, and the check counts as its first',
    ),
  firstCheckToken: z
    .string()
    .max(2048)
    .optional()
    .describe(
      'The firstCheckToken of a "test connection" answer: with the same settings, and at most 10 minutes old, that check counts as the monitor\'s first (otherwise it is ignored)',
    ),
});

export const testConnectionResultSchema = probeResultSchema
  .extend({
    tools: z
      .array(publishedToolSchema)
      .nullable()
      .describe(
        'The tools the server listed, to choose a canary from; null when the listing was not reached',
      ),
    firstCheckToken: z
      .string()
      .describe('Hand it back as firstCheckToken when creating the monitor with these settings'),
  })
  .meta({ id: 'TestConnectionResult' });

export const updateMonitorBody = z
  .object(fields)
  .partial()
  .extend({
    headers: fields.headers
      .optional()
      .describe(
        `Replaces the whole set; a value of "${MASKED_HEADER_VALUE}" keeps the saved value of that name`,
      ),
    oauthConnection: z
      .uuid()
      .nullable()
      .optional()
      .describe(
        'A connection made for this form with POST /api/v1/oauth/connect replaces the saved one; null disconnects',
      ),
  });

export const testConnectionBody = z.object({
  url: fields.url,
  transport: fields.transport.default(MONITOR_DEFAULTS.transport),
  headers: fields.headers.default({}),
  oauth: fields.oauth.default(null),
  timeoutMs: fields.timeoutMs.default(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: fields.degradedThresholdMs.default(MONITOR_DEFAULTS.degradedThresholdMs),
  canary: fields.canary
    .default(null)
    .describe(
      'Test this call: the canary is checked against the live listing, then called; an invalid one is a 400 naming the field',
    ),
});

export const listMonitorsQuery = z.object({
  search: z.string().max(200).optional().describe('Part of the name or URL, any case'),
  status: z.enum(MONITOR_DISPLAY_STATUSES).optional(),
});

export const createdMonitorSchema = z.object({
  monitor: monitorSchema,
  probe: probeResultSchema
    .nullable()
    .describe(
      'The probe run before saving: when probeFirst was set, or when a canary had to be checked against the live listing',
    ),
});

export type Monitor = AnswerOf<typeof monitorSchema>;
export type MonitorList = AnswerOf<typeof monitorListSchema>;
export type ListMonitorsQuery = RequestOf<typeof listMonitorsQuery>;
export type CreateMonitorBody = RequestOf<typeof createMonitorBody>;
export type CreatedMonitor = AnswerOf<typeof createdMonitorSchema>;
export type UpdateMonitorBody = RequestOf<typeof updateMonitorBody>;
export type TestConnectionBody = RequestOf<typeof testConnectionBody>;
export type ToolCanary = AnswerOf<typeof toolCanarySchema>;
/** A probe run now ("check now"). */
export type ProbeResult = AnswerOf<typeof probeResultSchema>;
/** The answer of "test connection": the result, and a token that lets creating the monitor count it. */
export type TestConnectionResult = AnswerOf<typeof testConnectionResultSchema>;
