import {
  createMaintenanceWindowBody,
  errorResponse,
  idParams,
  maintenanceEndQuery,
  maintenanceListQuery,
  maintenanceWindowListSchema,
  maintenanceWindowSchema,
  noContent,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { createMaintenanceWindow } from '../domain/maintenance/create-maintenance-window.js';
import { endMaintenanceWindow } from '../domain/maintenance/end-maintenance-window.js';
import { listMaintenanceWindows } from '../domain/maintenance/list-maintenance-windows.js';
import type { RouteContext } from './route-context.js';

const tags = ['maintenance'];
const readErrors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };
const writeErrors = { ...readErrors, 403: errorResponse };

/** Maintenance windows (docs/maintenance.md). */
export function maintenanceRoutes({ app, options, now }: RouteContext): void {
  app.post(
    '/api/v1/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'Schedule a maintenance window (one-off, recurring, or started now)',
        body: createMaintenanceWindowBody,
        response: { 201: maintenanceWindowSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await createMaintenanceWindow(options.db, principalOf(request), request.body, now());
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'The live maintenance windows, with the current and next occurrences',
        querystring: maintenanceListQuery,
        response: { 200: maintenanceWindowListSchema, ...readErrors },
      },
    },
    async (request) =>
      listMaintenanceWindows(options.db, principalOf(request), request.query.monitorId ?? null, now()),
  );

  app.post(
    '/api/v1/maintenance-windows/:id/end',
    {
      schema: {
        tags,
        summary: 'End the occurrence under way now; with cancel=true, drop the future ones too',
        params: idParams,
        querystring: maintenanceEndQuery,
        response: { 204: noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      await endMaintenanceWindow(
        options.db,
        principalOf(request),
        request.params.id,
        request.query.cancel === 'true',
        now(),
      );
      return reply.status(204).send(null);
    },
  );
}
