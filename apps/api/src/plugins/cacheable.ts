import type { FastifyInstance } from 'fastify';
import { etagMatches, etagOf } from '../entity-tags.js';

/**
 * Public reads in this scope carry an ETag of their body and a Cache-Control, and a request that
 * already holds the body gets a 304 without it. The tag is a hash of the serialized answer, so it
 * changes exactly when the answer does, whatever produced it.
 */
export function cacheablePublicReads(scope: FastifyInstance, maxAgeSeconds: number): void {
  scope.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag);
    reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
    if (!etagMatches(request.headers['if-none-match'], etag)) return payload;
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return '';
  });
}
