import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.js';
import { DomainReverifier } from '../domain/status-pages/domains/domain-reverification.js';
import { statusPagesChanged } from '../domain/status-pages/page-changes.js';
import { CONTENT_TYPES, drawPage, type PageFormat } from '../domain/status-pages/public/draw-page.js';
import { PAGE_STYLESHEET } from '../domain/status-pages/public/page-stylesheet.js';
import { statusPageCacheOf } from '../domain/status-pages/public/status-page-cache-of.js';
import { LOOPBACK_HOSTS, parseHost } from '../plugins/allowed-hosts.js';
import {
  maxAgeOf,
  sendNotFoundPage,
  sendRepresentation,
  sendStylesheet,
  whereOf,
} from './status-page-answers.js';

/** What a custom domain answers, by path; everything else there is a 404. */
const DOMAIN_PATHS: Record<string, PageFormat> = {
  '/': 'html',
  '/feed.atom': 'atom',
  '/feed.json': 'json-feed',
};

/**
 * Hosts that are the service's own and never a page's, whatever a page's row says: loopback, and
 * the host of MCPULSE_PUBLIC_URL, where the dashboard is.
 */
function ownHosts(options: AppOptions): Set<string> {
  const own = new Set(LOOPBACK_HOSTS.map((host) => host.hostname));
  if (options.publicUrl && URL.canParse(options.publicUrl)) own.add(new URL(options.publicUrl).hostname);
  return own;
}

/**
 * Serves a page at the root of its custom domain, once the host guard let the domain in (it is on
 * MCPULSE_ALLOWED_HOSTS) and only while the page's organisation has proved it controls the domain
 * (a DNS TXT record, checked again daily while served); any other host falls through to the app.
 * Registered right after the host guard and before anything else, so a
 * request to a page's domain reaches nothing but the page, its feeds and its stylesheet: never the
 * dashboard, the API, the docs or a session cookie, all of which answer 404 there.
 */
export function serveCustomDomains(app: FastifyInstance, options: AppOptions, now: () => Date): void {
  const cache = statusPageCacheOf(options, now);
  const own = ownHosts(options);
  const reverifier = new DomainReverifier({
    deps: options,
    now,
    changed: (pageId) => statusPagesChanged(options, [pageId]),
    log: app.log,
  });
  app.addHook('onRequest', async (request, reply) => {
    // Health checks answer on any host, as the host guard lets them, and never wait for the database.
    if (request.routeOptions.config.anyHost) return;
    const host = parseHost(request.host)?.hostname;
    // A page's domain is a DNS name of two labels or more (the owner API's rule): never an address.
    if (host === undefined || own.has(host) || !host.includes('.') || isIP(host) !== 0) return;
    const cached = await cache.byDomain(host);
    if (!cached) return;
    reverifier.visited(cached.page);
    const path = request.url.split('?')[0] ?? '/';
    const reading = request.method === 'GET' || request.method === 'HEAD';
    if (reading && path === PAGE_STYLESHEET.path) return sendStylesheet(reply);
    const format = DOMAIN_PATHS[path];
    if (!reading || format === undefined) return sendNotFoundPage(reply);
    const representation = drawPage(cached, format, whereOf(request, options, true));
    return sendRepresentation(request, reply, representation, CONTENT_TYPES[format], maxAgeOf(cached, now()));
  });
}
