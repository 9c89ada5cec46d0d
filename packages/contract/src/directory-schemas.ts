import {
  DIRECTORY_AUTH_REQUIREMENTS,
  DIRECTORY_ENTRY_STATUSES,
  DIRECTORY_LIMITS,
  DIRECTORY_LIST_SERVERS,
  DIRECTORY_LIST_SORTS,
  DIRECTORY_REMOTE_TYPES,
  DIRECTORY_SKIP_REASONS,
  MONITOR_DISPLAY_STATUSES,
  PROBE_ERROR_CODES,
  PROBE_TRANSPORTS,
  PROTOCOL_ERAS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import { pageLimit } from './field-schemas.js';
import {
  changesSchema,
  incidentsPageSchema,
  latencySchema,
  toolsSchema,
  uptimeSchema,
} from './read-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

export const directoryListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(DIRECTORY_LIMITS.nameChars)
    .optional()
    .describe('Text to find, literally and ignoring case, in the URL, server names and titles'),
  state: z.enum(MONITOR_DISPLAY_STATUSES).optional(),
  era: z
    .enum([...PROTOCOL_ERAS, 'none'])
    .optional()
    .describe('The confirmed protocol era; `none`: no handshake confirmed yet'),
  auth: z.enum(DIRECTORY_AUTH_REQUIREMENTS).optional(),
  errorCode: z
    .enum([...PROBE_ERROR_CODES, 'none'])
    .optional()
    .describe("The latest check's error code; `none`: the latest check had none"),
  sort: z.enum(DIRECTORY_LIST_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number<number | string>().int().min(1).max(10_000).default(1),
  limit: pageLimit(100, 50),
});

const server = z.object({ name: z.string(), title: z.string().nullable() });

export const directoryListItemSchema = z
  .object({
    endpointId: z.uuid(),
    url: z.string(),
    servers: z
      .array(server)
      .describe(
        `Registry entries listing this URL, active ones first (at most ${DIRECTORY_LIST_SERVERS}): each page is /directory/{name}`,
      ),
    state: z.enum(MONITOR_DISPLAY_STATUSES).describe('`paused`: not probed, skipReason says why'),
    stateSince: z.date().nullable(),
    skipReason: z.enum(DIRECTORY_SKIP_REASONS).nullable(),
    errorCode: z.string().nullable().describe("The latest check's error code, in any region"),
    uptime30d: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('Uptime over the last 30 days (docs/uptime.md); null: no data'),
    p95Ms: z.number().int().nullable().describe('p95 latency over the last 24 hours'),
    era: z.enum(PROTOCOL_ERAS).nullable(),
    protocolVersion: z.string().nullable(),
    transport: z.enum(PROBE_TRANSPORTS),
    authRequirement: z.enum(DIRECTORY_AUTH_REQUIREMENTS),
    toolCount: z.number().int().nullable(),
    lastSchemaChangeAt: z.date().nullable(),
    lastCheckedAt: z.date().nullable(),
  })
  .meta({ id: 'DirectoryEndpointSummary' });

export const directoryListSchema = z.object({
  items: z.array(directoryListItemSchema),
  total: z.number().int().describe('Endpoints matching the filters, over every page'),
  page: z.number().int(),
  limit: z.number().int(),
  refreshedAt: z
    .date()
    .nullable()
    .describe('When the figures were last computed; null before the first time'),
});

export const directoryServerParams = z.object({
  '*': z
    .string()
    .min(1)
    .max(DIRECTORY_LIMITS.nameChars)
    .describe('The server name as the registry lists it, such as io.github.owner/server'),
});

const remote = z.object({
  type: z.enum(DIRECTORY_REMOTE_TYPES),
  url: z.string(),
  resolvedUrl: z.string().nullable(),
  skipReason: z.enum(DIRECTORY_SKIP_REASONS).nullable(),
  headers: z.array(
    z.object({ name: z.string(), secret: z.boolean(), required: z.boolean(), fixed: z.boolean() }),
  ),
  variables: z.array(z.string()),
});

const entry = z.object({
  registryUrl: z.string(),
  name: z.string(),
  version: z.string(),
  status: z.enum(DIRECTORY_ENTRY_STATUSES),
  title: z.string().nullable(),
  description: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  repositoryUrl: z.string().nullable(),
  remotes: z.array(remote),
  publishedAt: z.date().nullable(),
  upstreamUpdatedAt: z.date().nullable(),
  endpointIds: z.array(z.uuid()),
});

const endpointDetail = z
  .object({
    endpointId: z.uuid(),
    url: z.string(),
    transport: z.enum(DIRECTORY_REMOTE_TYPES),
    authRequirement: z.enum(DIRECTORY_AUTH_REQUIREMENTS),
    headers: z
      .record(z.string(), z.string())
      .describe('Fixed, non-secret headers the registry declares, sent with each check'),
    skipReason: z.enum(DIRECTORY_SKIP_REASONS).nullable(),
    summary: directoryListItemSchema.nullable().describe('Null until the list is next refreshed'),
    uptime: uptimeSchema.nullable().describe('Null when the endpoint has no monitor'),
    latency: latencySchema.nullable(),
    tools: toolsSchema.shape.snapshot,
    changes: changesSchema.describe('The newest drifts, protocol changes and releases'),
    incidents: incidentsPageSchema.describe('The most recent incidents'),
  })
  .meta({ id: 'DirectoryEndpoint' });

export const directoryServerSchema = z
  .object({
    name: z.string(),
    entries: z.array(entry).describe('One per registry that lists the name'),
    endpoints: z.array(endpointDetail),
  })
  .meta({ id: 'DirectoryServer' });

export type DirectoryListQuery = RequestOf<typeof directoryListQuery>;
export type DirectoryList = AnswerOf<typeof directoryListSchema>;
export type DirectoryListItem = DirectoryList['items'][number];
export type DirectoryServer = AnswerOf<typeof directoryServerSchema>;
export type DirectoryServerEntry = DirectoryServer['entries'][number];
export type DirectoryEndpoint = DirectoryServer['endpoints'][number];
