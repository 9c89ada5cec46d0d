import { z } from 'zod';
import type { RouteContext } from './route-context.js';

/**
 * Liveness and readiness; public, outside the authenticated scope, and
 * answered whatever the Host: orchestrators probe pod addresses.
 */
export function healthRoutes({ app, options, state }: RouteContext): void {
  app.get(
    '/healthz',
    {
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { anyHost: true },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { anyHost: true },
      schema: {
        tags: ['health'],
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable'), reason: z.string() }),
        },
      },
    },
    async (request, reply) => {
      if (state.shuttingDown)
        return reply.status(503).send({ status: 'unavailable', reason: 'shutting down' });
      try {
        await options.checkReadiness();
        return { status: 'ready' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply.status(503).send({ status: 'unavailable', reason: 'a dependency is unreachable' });
      }
    },
  );
}
