import { liveSchema, readySchema, unavailableSchema } from '@mcpulse/contract';
import { regionMetrics } from '@mcpulse/engine';
import { readRegionHealth } from '../domain/regions/region-health.js';
import type { RouteContext } from './route-context.js';

/**
 * Liveness, readiness and operational metrics; public, outside the authenticated scope, and
 * answered whatever the Host: orchestrators probe pod addresses. Readiness
 * also says which probe regions are silent, for monitoring, but a dead region
 * never makes the API unready: restarting the API cannot bring a region back.
 */
export function healthRoutes({ app, options, state, now }: RouteContext): void {
  app.get(
    '/healthz',
    {
      schema: { tags: ['health'], response: { 200: liveSchema } },
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
          200: readySchema,
          503: unavailableSchema,
        },
      },
    },
    async (request, reply) => {
      if (state.shuttingDown)
        return reply.status(503).send({ status: 'unavailable', reason: 'shutting down' });
      try {
        await options.checkReadiness();
        const regions = await readRegionHealth(options.queues, options.regions, now());
        const silentRegions = regions.filter((region) => region.silent).map((region) => region.region);
        return { status: 'ready' as const, regions, silentRegions };
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply.status(503).send({ status: 'unavailable', reason: 'a dependency is unreachable' });
      }
    },
  );

  const metrics = options.metrics;
  if (!metrics) return;
  regionMetrics(metrics, () => readRegionHealth(options.queues, options.regions, now()), now);
  // Operational figures only (the process, the regions, the checks of an embedded probe region): no
  // series is labelled by monitor or organisation. The hosted edge (infra/nginx.conf) keeps it inside.
  app.get(
    '/metrics',
    { config: { anyHost: true }, schema: { tags: ['health'], hide: true } },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );
}
