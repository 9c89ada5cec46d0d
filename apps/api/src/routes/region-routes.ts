import { z } from 'zod';
import { errorResponse, type RouteContext } from './route-context.js';

/** The regions this deployment probes from, for clients that let people choose among them. */
export function regionRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['monitors'],
        summary: 'The regions monitors may be checked from; a new monitor uses all of them by default',
        response: { 200: z.object({ regions: z.array(z.string()) }), 401: errorResponse },
      },
    },
    async () => ({ regions: [...options.regions] }),
  );
}
