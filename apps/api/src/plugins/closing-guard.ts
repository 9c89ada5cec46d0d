import type { FastifyInstance } from 'fastify';
import { RequestRefused } from './request-refused.js';

/**
 * Once the app starts closing, a request that still reaches it (pipelined, or
 * on a kept-alive connection) is refused with 503 and `Connection: close`, so
 * the client retries elsewhere; requests already running finish. Fastify's
 * own closing answer has its own shape, hence this in its place (the app is
 * built with `return503OnClosing: false`).
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing)
      throw new RequestRefused(503, 'shutting_down', 'the server is shutting down; retry', {
        connection: 'close',
      });
  });
}
