import { errorResponse } from '@mcpulse/contract';
import { z } from 'zod';
import { principalOf } from '../auth/principal.js';
import { negotiateFormat } from '../domain/metrics/exposition.js';
import { organizationMetrics } from '../domain/metrics/organization-metrics.js';
import { SettledTotals } from '../domain/metrics/settled-totals.js';
import type { RouteContext } from './route-context.js';

/** The caller's organisation's monitors for Prometheus to scrape with an API key (docs/metrics.md). */
export function metricsRoutes({ app, options, now }: RouteContext): void {
  const settled = new SettledTotals();
  app.get(
    '/api/v1/metrics',
    {
      schema: {
        tags: ['metrics'],
        summary: 'The organisation’s monitors as Prometheus metrics (text format 0.0.4, or OpenMetrics 1.0)',
        description:
          'For Prometheus to scrape with a read-scoped API key (`authorization` in its scrape config). ' +
          '`Accept: application/openmetrics-text` answers OpenMetrics 1.0, anything else the text format ' +
          '0.0.4. State per monitor and region, check counters and latency histograms, phase timings of ' +
          'the last hour, tool count, last check time and incident counts; every series is labelled by ' +
          'monitor id, so their number is bounded by the plan’s monitor quota and the regions.',
        produces: ['text/plain', 'application/openmetrics-text'],
        response: {
          200: z.string().describe('The metrics in the negotiated text format'),
          401: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { organizationId } = principalOf(request);
      const format = negotiateFormat(request.headers.accept);
      const { contentType, body } = await organizationMetrics(
        options.db,
        organizationId,
        now(),
        format,
        settled,
      );
      return reply.header('cache-control', 'no-store').header('vary', 'Accept').type(contentType).send(body);
    },
  );
}
