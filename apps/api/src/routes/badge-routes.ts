import {
  badgeParams,
  badgeQuery,
  badgeSettingsBody,
  badgeSettingsSchema,
  errorResponse,
  idParams,
  notModified,
  shieldsEndpointSchema,
} from '@mcpulse/contract';
import { BADGE_MAX_AGE_SECONDS, type BadgeFormat, type BadgeKind } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AppOptions } from '../app-options.js';
import { principalOf } from '../auth/principal.js';
import { BadgeCache } from '../domain/badges/badge-cache.js';
import { readBadgeFacts } from '../domain/badges/badge-facts.js';
import { changeBadgeSettings, readBadgeSettings } from '../domain/badges/badge-settings.js';
import { serveBadge } from '../domain/badges/serve-badge.js';
import { badgeReadLimit } from '../plugins/rate-limits.js';
import type { RouteContext } from './route-context.js';

/** One badge cache per app, shared by the public routes and the owner's switch, which clears it. */
const caches = new WeakMap<AppOptions, BadgeCache>();

function badgeCacheOf(options: AppOptions, now: () => Date): BadgeCache {
  let cache = caches.get(options);
  if (!cache) {
    cache = new BadgeCache(
      (monitorId) => readBadgeFacts(options.db, monitorId, now()),
      () => now().getTime(),
    );
    caches.set(options, cache);
  }
  return cache;
}

const CACHE_CONTROL = `public, max-age=${BADGE_MAX_AGE_SECONDS}`;
/**
 * Badges are embedded by other sites (READMEs, docs), so they may be loaded cross-origin, and the
 * JSON read by any page; an SVG opened on its own runs nothing.
 */
const BADGE_HEADERS = {
  'cache-control': CACHE_CONTROL,
  'cross-origin-resource-policy': 'cross-origin',
  'content-security-policy': "default-src 'none'",
  'access-control-allow-origin': '*',
};

/** SVG badges and shields.io endpoint documents of monitors whose owners made their badges public. */
export function publicBadgeRoutes({ app, options, now }: RouteContext): void {
  const cache = badgeCacheOf(options, now);
  const limitReads = badgeReadLimit(app, options.rateLimit);
  app.get(
    '/api/v1/public/monitors/:id/badges/:badge',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['public'],
        summary:
          'A badge of a monitor whose owner made its badges public; private and missing monitors are both 404',
        description:
          '`.svg` is the image (style flat, flat-square or for-the-badge), `.json` the shields.io endpoint-badge document of the same badge (https://img.shields.io/endpoint?url=…). Answers carry an ETag; a matching If-None-Match gets 304. Uptime is the one definition of docs/uptime.md. See docs/badges.md.',
        security: [],
        params: badgeParams,
        querystring: badgeQuery,
        response: {
          200: shieldsEndpointSchema.or(z.string().describe('The SVG image')),
          304: notModified,
          400: errorResponse,
          404: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const [kind, format] = request.params.badge.split('.') as [BadgeKind, BadgeFormat];
      const answer = await serveBadge(
        cache,
        {
          monitorId: request.params.id,
          kind,
          format,
          style: request.query.style,
          label: request.query.label,
          ifNoneMatch: request.headers['if-none-match'],
        },
        () => limitReads(request, reply),
      );
      reply.headers(BADGE_HEADERS).header('etag', answer.badge.etag);
      if (answer.notModified) return reply.status(304).send(null);
      return reply.type(answer.badge.contentType).send(answer.badge.body);
    },
  );
}

/** The owner's switch that makes a monitor's badges public or private. */
export function badgeSettingRoutes({ app, options, now }: RouteContext): void {
  const cache = badgeCacheOf(options, now);
  const tags = ['badges'];
  const errors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };

  app.get(
    '/api/v1/monitors/:id/badges',
    {
      schema: {
        tags,
        summary: "Whether the monitor's badges are public",
        params: idParams,
        response: { 200: badgeSettingsSchema, ...errors },
      },
    },
    async (request) => readBadgeSettings(options.db, principalOf(request), request.params.id),
  );

  app.put(
    '/api/v1/monitors/:id/badges',
    {
      schema: {
        tags,
        summary: "Make the monitor's badges public (anyone with their URL may fetch them) or private (404)",
        params: idParams,
        body: badgeSettingsBody,
        response: { 200: badgeSettingsSchema, ...errors, 403: errorResponse },
      },
    },
    async (request) => {
      const settings = await changeBadgeSettings(
        options.db,
        principalOf(request),
        request.params.id,
        request.body,
      );
      cache.forget(request.params.id);
      return settings;
    },
  );
}
