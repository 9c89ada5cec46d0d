import {
  createdMonitorSchema,
  createMonitorBody,
  errorResponse,
  idParams,
  listMonitorsQuery,
  monitorListSchema,
  monitorSchema,
  noContent,
  probeResultSchema,
  testConnectionBody,
  testConnectionResultSchema,
  updateMonitorBody,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { checkMonitor } from '../domain/monitors/check-monitor.js';
import { createMonitor } from '../domain/monitors/create-monitor.js';
import { deleteMonitor } from '../domain/monitors/delete-monitor.js';
import { getMonitor } from '../domain/monitors/get-monitor.js';
import { listMonitors } from '../domain/monitors/list-monitors.js';
import { pauseMonitor } from '../domain/monitors/pause-monitor.js';
import { resumeMonitor } from '../domain/monitors/resume-monitor.js';
import { testConnection } from '../domain/monitors/test-connection.js';
import { updateMonitor } from '../domain/monitors/update-monitor.js';
import type { RouteContext } from './route-context.js';

const tags = ['monitors'];
const readErrors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };
const writeErrors = { ...readErrors, 403: errorResponse };

export function monitorRoutes({ app, options, now, probeSlots }: RouteContext): void {
  const probing = { ...options, probeSlots };
  app.post(
    '/api/v1/monitors',
    {
      schema: {
        tags,
        summary: 'Create a monitor, optionally probing it first',
        body: createMonitorBody,
        response: { 201: createdMonitorSchema, ...writeErrors, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const created = await createMonitor(probing, principalOf(request), request.body, now());
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/monitors',
    {
      schema: {
        tags,
        summary: "The organisation's monitors, by name",
        querystring: listMonitorsQuery,
        response: {
          200: monitorListSchema,
          400: errorResponse,
          401: errorResponse,
        },
      },
    },
    async (request) => ({ monitors: await listMonitors(options.db, principalOf(request), request.query) }),
  );

  app.post(
    '/api/v1/monitors/test',
    {
      schema: {
        tags,
        summary: 'Test connection: probe unsaved settings once; nothing is stored',
        body: testConnectionBody,
        response: {
          200: testConnectionResultSchema,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          429: errorResponse,
        },
      },
    },
    async (request) => testConnection(probing, principalOf(request), request.body),
  );

  app.get(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags,
        summary: 'One monitor',
        params: idParams,
        response: { 200: monitorSchema, ...readErrors },
      },
    },
    async (request) => getMonitor(options.db, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags,
        summary: 'Change some settings of a monitor',
        params: idParams,
        body: updateMonitorBody,
        response: { 200: monitorSchema, ...writeErrors },
      },
    },
    async (request) => updateMonitor(probing, principalOf(request), request.params.id, request.body, now()),
  );

  app.delete(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags,
        summary: 'Delete a monitor with its results, incidents and history',
        params: idParams,
        response: { 204: noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteMonitor(options, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/monitors/:id/pause',
    {
      schema: {
        tags,
        summary: 'Stop checking a monitor; paused time is left out of uptime',
        params: idParams,
        response: { 200: monitorSchema, ...writeErrors },
      },
    },
    async (request) => pauseMonitor(options, principalOf(request), request.params.id, now()),
  );

  app.post(
    '/api/v1/monitors/:id/resume',
    {
      schema: {
        tags,
        summary: 'Check a paused monitor again',
        params: idParams,
        response: { 200: monitorSchema, ...writeErrors },
      },
    },
    async (request) => resumeMonitor(options, principalOf(request), request.params.id, now()),
  );

  app.post(
    '/api/v1/monitors/:id/check',
    {
      schema: {
        tags,
        summary: 'Check now: probe a monitor once with its saved settings and return the result',
        params: idParams,
        response: { 200: probeResultSchema, ...writeErrors, 429: errorResponse },
      },
    },
    async (request) => checkMonitor(probing, principalOf(request), request.params.id),
  );
}
