import { timingSafeEqual } from 'node:crypto';
import { Forbidden, Unauthenticated } from '@mcpulse/core';
import type { Db } from '@mcpulse/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolvePrincipal, SESSION_COOKIE } from '../auth/resolve-principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Finds who is calling, for every API request, before anything else runs: a
 * bearer API key or a session cookie, or nobody (`principal` null). It never
 * refuses a request itself, so that the rate limits, which count next, also
 * count requests whose credentials turn out to be wrong.
 */
export function identifyCallers(app: FastifyInstance, db: Db, now: () => Date): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // No route, no caller to know: a 404 must not cost a database lookup.
    if (!request.url.startsWith('/api/') || request.is404) return;
    request.principal = await resolvePrincipal(
      db,
      request.headers.authorization,
      request.cookies[SESSION_COOKIE],
      now(),
    );
  });
}

/**
 * Authentication for everything registered inside `scope`, before the body is
 * read and before any handler: a caller must have been identified (see
 * `identifyCallers`). Cookie-authenticated unsafe requests must echo the
 * session's CSRF token; read-scoped keys may only read. It runs in
 * `preParsing`, after the rate limits have counted the request.
 */
export function requireAuthentication(scope: FastifyInstance): void {
  // The OpenAPI document says so too: a session write needs the CSRF header beside the cookie.
  scope.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const unsafe = methods.some((method) => !SAFE_METHODS.has(method));
    route.schema = {
      ...route.schema,
      security: unsafe ? [{ apiKey: [] }, { session: [], csrfToken: [] }] : [{ apiKey: [] }, { session: [] }],
    };
  });
  scope.addHook('preParsing', async (request: FastifyRequest) => {
    const { principal } = request;
    if (!principal) throw new Unauthenticated();
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe && principal.kind === 'session') {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameToken(sent, principal.csrfToken)) {
        throw new Forbidden(`missing or wrong ${CSRF_HEADER} header`);
      }
    }
    if (unsafe && principal.scope === 'read') throw new Forbidden('this API key has read scope only');
  });
}

/** Routes that only a person, signed in, may use (never an API key): key management, account settings. */
export function requireSession(request: FastifyRequest): void {
  if (request.principal?.kind !== 'session')
    throw new Forbidden('only a signed-in user can do this, not an API key');
}
