import { z } from 'zod';
import { readRegionHealth } from '../domain/regions/region-health.js';
import { errorResponse, type RouteContext } from './route-context.js';
import { regionHeartbeatSchema } from './schemas/region-schemas.js';

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
          200: z.object({
            regions: z.array(z.string()),
            heartbeats: z.array(regionHeartbeatSchema).describe('One per region, in the order of `regions`'),
          }),
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
