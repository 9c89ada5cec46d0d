import {
  errorResponse,
  notModified,
  statusPagePublicParams,
  statusPagePublicSchema,
} from '@mcpulse/contract';
import { NotFound } from '@mcpulse/core';
import { STATUS_PAGE_SLUG } from '@mcpulse/core/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONTENT_TYPES, drawPage, type PageFormat } from '../domain/status-pages/public/draw-page.js';
import { PAGE_STYLESHEET } from '../domain/status-pages/public/page-stylesheet.js';
import type { CachedPage } from '../domain/status-pages/public/status-page-cache.js';
import { statusPageCacheOf } from '../domain/status-pages/public/status-page-cache-of.js';
import { statusPageReadLimit } from '../plugins/rate-limits.js';
import type { RouteContext } from './route-context.js';
import {
  maxAgeOf,
  sendNotFoundPage,
  sendRepresentation,
  sendStylesheet,
  whereOf,
} from './status-page-answers.js';

/** `/status/<slug>`, its feeds and stylesheet, and its facts as JSON under the public API. */
export function statusPagePublicRoutes({ app, options, now }: RouteContext): void {
  const cache = statusPageCacheOf(options, now);
  const limitReads = statusPageReadLimit(app, options.rateLimit);
  /** A slug's page, a database read counted against the caller's budget when the cache does not know it. */
  const pageOf = async (
    slug: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<CachedPage | null> => {
    if (!STATUS_PAGE_SLUG.test(slug)) return null;
    if (!cache.knows(slug)) await limitReads(request, reply);
    return cache.bySlug(slug);
  };
  const hidden = { config: { rateLimit: false }, schema: { hide: true } } as const;

  app.get(PAGE_STYLESHEET.path, hidden, async (_request, reply) => sendStylesheet(reply));

  const pageRoute = (path: string, format: PageFormat) =>
    app.get<{ Params: { slug: string } }>(path, hidden, async (request, reply) => {
      const cached = await pageOf(request.params.slug, request, reply);
      if (!cached) return sendNotFoundPage(reply);
      const representation = drawPage(cached, format, whereOf(request, options, false));
      return sendRepresentation(
        request,
        reply,
        representation,
        CONTENT_TYPES[format],
        maxAgeOf(cached, now()),
      );
    });
  pageRoute('/status/:slug', 'html');
  pageRoute('/status/:slug/feed.atom', 'atom');
  pageRoute('/status/:slug/feed.json', 'json-feed');

  app.get(
    '/api/v1/public/status-pages/:slug',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['public'],
        summary: 'A public status page’s facts: what its HTML shows, as JSON',
        description:
          'Only the figures the owner chose are present. Uptime is the one definition of docs/uptime.md. Answers carry an ETag; a matching If-None-Match gets 304. See docs/status-pages.md.',
        security: [],
        params: statusPagePublicParams,
        response: { 200: statusPagePublicSchema, 304: notModified, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const cached = await pageOf(request.params.slug, request, reply);
      if (!cached) throw new NotFound('status page');
      const representation = drawPage(cached, 'json', whereOf(request, options, false));
      return sendRepresentation(request, reply, representation, CONTENT_TYPES.json, maxAgeOf(cached, now()));
    },
  );
}
