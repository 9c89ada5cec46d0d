import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AllowedHost, hostAllowed } from './allowed-hosts.js';
import { RequestRefused } from './request-refused.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered whatever Host the request names: health checks, which orchestrators send to pod addresses. */
    anyHost?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How much of a refused Host or Origin an error message quotes. */
const QUOTED_CHARS = 100;

const quoted = (text: string) =>
  JSON.stringify(text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text);

/**
 * Every host the request names: its Host header and, when a trusted proxy
 * passed one on, the X-Forwarded-Host that Fastify takes as the request's host.
 */
function namedHosts(request: FastifyRequest): string[] {
  const header = request.headers.host ?? '';
  return request.host === header ? [header] : [header, request.host];
}

/** `scheme://host[:port]` of the request as the browser addressed it, or null when that is no URL. */
function requestOrigin(request: FastifyRequest): string | null {
  const origin = `${request.protocol}://${request.host}`;
  return URL.canParse(origin) ? new URL(origin).origin : null;
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  // `null` is what a sandboxed frame, a data: URL or a cross-origin redirect sends: never ours.
  if (origin === 'null' || !URL.canParse(origin)) return false;
  return new URL(origin).origin === requestOrigin(request);
}

/**
 * Refuses, before anything else runs, a request whose Host is not one this
 * server answers to: a web page that points its own domain name at the
 * user's loopback (DNS rebinding) sends its own name as Host, so it reaches
 * nothing. State-changing requests that carry an `Origin` (every browser
 * sends one) must come from the same origin as the request itself, so no
 * other site nor another local port can write through a visitor's browser.
 * Requests without `Origin` (curl, API-key clients) are not browsers' and pass.
 */
export function guardHostAndOrigin(app: FastifyInstance, allowed: readonly AllowedHost[]): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.anyHost) return;
    for (const host of namedHosts(request)) {
      if (!hostAllowed(host, request.protocol, allowed)) {
        throw new RequestRefused(
          421,
          'host_not_allowed',
          host === ''
            ? 'the request names no host (Host header missing)'
            : `this server does not answer to the host ${quoted(host)}; its operator can add it to MCPULSE_ALLOWED_HOSTS`,
        );
      }
    }
    const { origin } = request.headers;
    if (origin !== undefined && STATE_CHANGING.has(request.method) && !sameOrigin(origin, request)) {
      throw new RequestRefused(
        403,
        'origin_not_allowed',
        `a ${request.method} from the origin ${quoted(origin)} is refused: only pages of ${requestOrigin(request) ?? 'this server'} may change data`,
      );
    }
  });
}
