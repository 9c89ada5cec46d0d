import { errorResponse, regionsSchema } from '@mcpulse/contract';
import { readRegionHealth } from '../domain/regions/region-health.js';
import type { RouteContext } from './route-context.js';

/** The regions this deployment probes from, for clients that let people choose among them, and how each is heard from. */
export function regionRoutes({ app, options, now }: RouteContext): void {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['monitors'],
        summary:
          'The regions monitors may be checked from (a new monitor uses all of them by default), each with the last heartbeat of its probe workers',
        response: {
          200: regionsSchema,
          401: errorResponse,
        },
      },
    },
    async () => ({
      regions: [...options.regions],
      heartbeats: await readRegionHealth(options.queues, options.regions, now()),
    }),
  );
}
