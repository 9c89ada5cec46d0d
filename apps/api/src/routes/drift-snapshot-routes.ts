import { publishedToolSchema } from '@mcpulse/core';
import { MISSING_SNAPSHOT_REASONS } from '@mcpulse/core/domain';
import { z } from 'zod';
import { principalOf } from '../auth/principal.js';
import { readDriftSnapshots } from '../domain/drift/read-drift-snapshots.js';
import { errorResponse, type RouteContext } from './route-context.js';

const unavailable = z
  .enum(MISSING_SNAPSHOT_REASONS)
  .nullable()
  .describe(
    'Why the side is null: never stored (or gone), or its tools were too large or too frequent to keep',
  );

const driftSnapshotsSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.date(),
    fromHash: z.string().nullable(),
    toHash: z.string().nullable(),
    before: z
      .array(publishedToolSchema)
      .nullable()
      .describe('The tools before the drift, sorted by name; null when not stored'),
    after: z
      .array(publishedToolSchema)
      .nullable()
      .describe('The tools after the drift, sorted by name; null when not stored'),
    beforeUnavailable: unavailable,
    afterUnavailable: unavailable,
  })
  .meta({ id: 'DriftSnapshots' });

/** The full tool schemas on both sides of a drift, for the dashboard's side-by-side diff. */
export function driftSnapshotRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/monitors/:id/drift/:driftId/snapshots',
    {
      schema: {
        tags: ['reads'],
        summary: 'Both tool snapshots of one schema drift',
        params: z.object({ id: z.uuid(), driftId: z.uuid() }),
        response: { 200: driftSnapshotsSchema, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      readDriftSnapshots(options.db, principalOf(request), request.params.id, request.params.driftId),
  );
}
