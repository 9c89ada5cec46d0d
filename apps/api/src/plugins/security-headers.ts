import type { FastifyInstance } from 'fastify';

type Directives = Readonly<Record<string, readonly string[]>>;

/**
 * The dashboard's policy: its scripts, styles and images come from its own
 * origin and nothing is inline. Its chart library (uPlot) and React set
 * styles through the CSSOM, which `style-src` does not govern, so no
 * `'unsafe-inline'` is needed. No `upgrade-insecure-requests`: the embedded
 * mode is served over plain HTTP on the person's own machine.
 */
export const DASHBOARD_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * The OpenAPI UI at /docs draws icons as data: images, and its top-bar logo
 * is an SVG carrying one fixed <style> element, allowed by its hash
 * (`.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`);
 * everything else as the dashboard.
 */
export const DOCS_CSP: Directives = {
  ...DASHBOARD_CSP,
  'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"],
  'img-src': ["'self'", 'data:'],
};

/**
 * Public status pages (and their feeds) run no script at all and may show the owner's logo from
 * any https origin; nothing else leaves the page's own origin, and no site may frame it.
 */
export const STATUS_PAGE_CSP: Directives = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'https:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Sent with every answer, errors included. `Referrer-Policy: same-origin`
 * rather than `no-referrer`: under `no-referrer` a browser sends
 * `Origin: null` with a same-origin POST, which the origin check refuses.
 * No `Strict-Transport-Security`: TLS ends at the operator's proxy, which
 * owns that policy for its domain.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': cspHeader(DASHBOARD_CSP),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

/** Sets `SECURITY_HEADERS` on every answer before anything can refuse the request. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
