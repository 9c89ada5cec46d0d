import { driftParams, driftSnapshotsSchema, errorResponse } from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { readDriftSnapshots } from '../domain/drift/read-drift-snapshots.js';
import type { RouteContext } from './route-context.js';

/** The full tool schemas on both sides of a drift, for the dashboard's side-by-side diff. */
export function driftSnapshotRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/monitors/:id/drift/:driftId/snapshots',
    {
      schema: {
        tags: ['reads'],
        summary: 'Both tool snapshots of one schema drift',
        params: driftParams,
        response: { 200: driftSnapshotsSchema, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      readDriftSnapshots(options.db, principalOf(request), request.params.id, request.params.driftId),
  );
}
