import {
  directoryListQuery,
  directoryListSchema,
  directoryServerParams,
  directoryServerSchema,
  errorResponse,
  notModified,
} from '@mcpulse/contract';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readDirectoryList } from '../domain/directory/list-directory.js';
import { readDirectoryServer } from '../domain/directory/read-directory-server.js';
import { cacheablePublicReads } from '../plugins/cacheable.js';
import type { RouteContext } from './route-context.js';

/** The figures move once per refresh (minutes): a minute of caching costs little freshness. */
const MAX_AGE_SECONDS = 60;
const tags = ['directory'];

/** The public directory's list and server pages (docs/directory.md, "Pages and API"): no authentication. */
export function directoryRoutes({ app, options, now }: RouteContext): void {
  const { db } = options;
  app.register(async (plain) => {
    cacheablePublicReads(plain, MAX_AGE_SECONDS);
    const scope = plain.withTypeProvider<ZodTypeProvider>();

    scope.get(
      '/api/v1/directory/servers',
      {
        schema: {
          tags,
          summary: 'The public MCP directory: one row per endpoint URL, searched, filtered, sorted and paged',
          description:
            'Every endpoint the registries list, with its state, latest error code, uptime over 30 days (docs/uptime.md), p95 latency over 24 hours, protocol era and version, transport, auth requirement and tool count, as the leader last computed them (refreshedAt). Answers carry an ETag and Cache-Control; send If-None-Match for a 304.',
          security: [],
          querystring: directoryListQuery,
          response: { 200: directoryListSchema, 304: notModified, 400: errorResponse },
        },
      },
      async (request) => readDirectoryList(db, request.query),
    );

    scope.get(
      '/api/v1/directory/servers/*',
      {
        schema: {
          tags,
          summary:
            'One server of the directory by its registry name: its entries, and per endpoint its status, 90 daily uptime bars, latency, tools with their schemas, changes and incidents',
          description:
            'The name is the rest of the path, as the registry spells it (io.github.owner/server). A name no registry lists is a 404. Answers carry an ETag and Cache-Control; send If-None-Match for a 304.',
          security: [],
          params: directoryServerParams,
          response: { 200: directoryServerSchema, 304: notModified, 400: errorResponse, 404: errorResponse },
        },
      },
      async (request) => readDirectoryServer(db, request.params['*'], now()),
    );
  });
}
