import { z } from 'zod';
import type { RouteContext } from './route-context.js';

/** Liveness and readiness; public, outside the authenticated scope. */
export function healthRoutes({ app, options, state }: RouteContext): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
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
