import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RateLimitSettings {
  perKey: number;
  perIp: number;
}

/**
 * Requests per minute, per API key when one authenticated the call and per
 * client IP otherwise. One store for the whole app, so an address has one
 * budget across public and signed-in routes. It counts in `preParsing`: after
 * authentication (`onRequest`), so the key is known, but before the body is
 * read or validated, so oversized, malformed and invalid requests spend the
 * budget too and a throttled client never makes the server buffer its body.
 * Routes registered before this call (health checks) are not limited.
 */
export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preParsing',
    timeWindow: 60_000,
    max: (request: FastifyRequest) => (request.principal?.apiKeyId ? settings.perKey : settings.perIp),
    keyGenerator: (request: FastifyRequest) =>
      request.principal?.apiKeyId ? `key:${request.principal.apiKeyId}` : `ip:${request.ip}`,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });
}
