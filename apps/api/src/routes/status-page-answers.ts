import { STATUS_PAGE_MAX_AGE_SECONDS } from '@mcpulse/core/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppOptions } from '../app-options.js';
import { CONTENT_TYPES, type Where } from '../domain/status-pages/public/draw-page.js';
import { PAGE_STYLESHEET } from '../domain/status-pages/public/page-stylesheet.js';
import { renderNotFound } from '../domain/status-pages/public/render-page.js';
import type { CachedPage, Representation } from '../domain/status-pages/public/status-page-cache.js';
import { etagMatches } from '../entity-tags.js';
import { parseHost } from '../plugins/allowed-hosts.js';
import { cspHeader, STATUS_PAGE_CSP } from '../plugins/security-headers.js';

/**
 * Status pages are read by anyone and may be fetched by feed readers and other sites' scripts;
 * they run nothing, and no site may frame them.
 */
const PAGE_HEADERS = {
  'content-security-policy': cspHeader(STATUS_PAGE_CSP),
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/** Whether an Accept-Encoding header takes gzip (RFC 9110 §12.5.3: not when its weight is 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const weight = parameters.find((parameter) => parameter.startsWith('q='));
    return weight === undefined || Number(weight.slice(2)) > 0;
  });
}

/**
 * How long a browser or proxy may keep an answer drawn from `cached`: the time its facts have left
 * in this process's cache (whole seconds, rounded down), at most STATUS_PAGE_MAX_AGE_SECONDS. So
 * no copy anywhere outlives one check interval; past it, the ETag revalidates cheaply.
 */
export function maxAgeOf(cached: Pick<CachedPage, 'expiresAt'>, now: Date): number {
  const left = Math.floor((cached.expiresAt - now.getTime()) / 1000);
  return Math.max(0, Math.min(STATUS_PAGE_MAX_AGE_SECONDS, left));
}

/** One answer of a status page, gzipped when the client takes it; 304 when the client's copy is current. */
export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
  contentType: string,
  maxAgeSeconds: number,
): FastifyReply {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? representation.gzipEtag : representation.etag;
  reply
    .headers(PAGE_HEADERS)
    .header('cache-control', `public, max-age=${maxAgeSeconds}`)
    .header('vary', 'accept-encoding')
    .header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply
    .code(200)
    .type(contentType)
    .send(gzip ? representation.gzip : representation.body);
}

/** The page's stylesheet: its path names its content, so it is kept for good. */
export function sendStylesheet(reply: FastifyReply): FastifyReply {
  return reply
    .headers({
      'cache-control': 'public, max-age=31536000, immutable',
      'cross-origin-resource-policy': 'cross-origin',
    })
    .type('text/css; charset=utf-8')
    .send(PAGE_STYLESHEET.body);
}

export function sendNotFoundPage(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .headers({ 'content-security-policy': cspHeader(STATUS_PAGE_CSP), 'cache-control': 'no-cache' })
    .type(CONTENT_TYPES.html)
    .send(renderNotFound());
}

/**
 * Where the feeds' absolute links point. Never a port or scheme a Host header chose where the
 * service knows better: a custom domain is `https://<domain>` (its TLS is in front, whatever port
 * the request reached), the service's own hosts are MCPULSE_PUBLIC_URL when set. Only without it
 * do they follow the request (scheme http or https, the host as allowed), and the cache keeps
 * feeds for a few such origins per page only.
 */
export function whereOf(request: FastifyRequest, options: AppOptions, onCustomDomain: boolean): Where {
  const where = { onCustomDomain, publicUrl: options.publicUrl };
  const hostname = parseHost(request.host)?.hostname;
  if (onCustomDomain && hostname !== undefined) return { ...where, origin: `https://${hostname}` };
  if (options.publicUrl) return { ...where, origin: options.publicUrl };
  // Through URL, so a default port (localhost:80) is written as browsers write it.
  const origin = `${request.protocol === 'https' ? 'https' : 'http'}://${request.host}`;
  return { ...where, origin: URL.canParse(origin) ? new URL(origin).origin : origin };
}
