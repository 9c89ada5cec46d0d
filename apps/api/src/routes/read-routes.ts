import {
  changesQuery,
  changesSchema,
  driftQuery,
  driftSchema,
  errorResponse,
  idParams,
  incidentsPageSchema,
  incidentsQuery,
  latencySchema,
  overviewSchema,
  publicStatusSchema,
  releasesQuery,
  releasesSchema,
  resultsPageSchema,
  resultsQuery,
  toolsSchema,
  uptimeSchema,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import {
  readChanges,
  readDrift,
  readIncidents,
  readLatency,
  readOverview,
  readReleases,
  readTools,
  readUptime,
} from '../domain/reads/monitor-reads.js';
import { publicStatus } from '../domain/reads/public-status.js';
import { readResults } from '../domain/reads/read-results.js';
import type { RouteContext } from './route-context.js';

const tags = ['reads'];
const readErrors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };

/** Results, uptime, latency, incidents, drift, changes, releases and tools of the caller's monitors. */
export function readRoutes({ app, options, now }: RouteContext): void {
  const { db } = options;

  app.get(
    '/api/v1/monitors/:id/results',
    {
      schema: {
        tags,
        summary: 'Stored probe results, newest first, one page at a time',
        params: idParams,
        querystring: resultsQuery,
        response: { 200: resultsPageSchema, ...readErrors },
      },
    },
    async (request) => readResults(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/monitors/:id/uptime',
    {
      schema: {
        tags,
        summary:
          'Uptime over the last 1 h, 24 h, 7 d, 30 d and 90 d and for each of the last 90 UTC days, with the checks behind it',
        description:
          'Uptime is 1 − downtime / monitored time: monitored time runs from the first check to now, paused time left out; downtime is the part of it inside confirmed down incidents (an open one runs until now). Degraded time counts as up and is reported apart. Not a share of checks: a single unconfirmed failed check is no downtime. Null means no monitored time (no data). See docs/uptime.md.',
        params: idParams,
        response: { 200: uptimeSchema, ...readErrors },
      },
    },
    async (request) => {
      const asOf = now();
      const uptime = await readUptime(db, principalOf(request), request.params.id, asOf);
      return { asOf, ...uptime };
    },
  );

  app.get(
    '/api/v1/monitors/:id/latency',
    {
      schema: {
        tags,
        summary:
          'Latency p50, p95 and p99 over the last 1 h, 24 h, 7 d, 30 d and 90 d, overall and per region',
        params: idParams,
        response: { 200: latencySchema, ...readErrors },
      },
    },
    async (request) => {
      const asOf = now();
      const windows = await readLatency(db, principalOf(request), request.params.id, asOf);
      return { asOf, windows };
    },
  );

  app.get(
    '/api/v1/monitors/:id/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents, the most recently started first, one page at a time',
        params: idParams,
        querystring: incidentsQuery,
        response: { 200: incidentsPageSchema, ...readErrors },
      },
    },
    async (request) => readIncidents(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/monitors/:id/drift',
    {
      schema: {
        tags,
        summary: 'Confirmed tool-schema changes, newest first, each with its diff',
        params: idParams,
        querystring: driftQuery,
        response: { 200: driftSchema, ...readErrors },
      },
    },
    async (request) => readDrift(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/monitors/:id/changes',
    {
      schema: {
        tags,
        summary:
          "Everything that changed about the monitor's server, newest first: tool-schema drifts (each with its diff), protocol changes and releases",
        description:
          'A change counts once two results in a row show it, taking every region in slot order (docs/webhooks.md). A drift across a protocol change carries protocolChange: the 2026-07-28 listing drops some fields, so the same tools can hash differently in each era.',
        params: idParams,
        querystring: changesQuery,
        response: { 200: changesSchema, ...readErrors },
      },
    },
    async (request) => readChanges(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/monitors/:id/releases',
    {
      schema: {
        tags,
        summary:
          'Release markers: each confirmed change of the version the server announces (serverInfo.version), newest first',
        params: idParams,
        querystring: releasesQuery,
        response: { 200: releasesSchema, ...readErrors },
      },
    },
    async (request) => readReleases(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/monitors/:id/tools',
    {
      schema: {
        tags,
        summary: 'The confirmed tools snapshot',
        params: idParams,
        response: { 200: toolsSchema, ...readErrors },
      },
    },
    async (request) => ({ snapshot: await readTools(db, principalOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/overview',
    {
      schema: {
        tags,
        summary: 'Every monitor of the organisation with uptime, p95 latency and a 24-hour sparkline',
        response: { 200: overviewSchema, 401: errorResponse },
      },
    },
    async (request) => {
      const asOf = now();
      return { asOf, monitors: await readOverview(db, principalOf(request), asOf) };
    },
  );
}

/** The status JSON of monitors their owners made public: no authentication, nothing private. */
export function publicReadRoutes({ app, options, now }: RouteContext): void {
  app.get(
    '/api/v1/public/monitors/:id/status',
    {
      schema: {
        tags: ['public'],
        summary: 'Status and uptime of a public monitor; private and missing monitors are both 404',
        security: [],
        params: idParams,
        response: { 200: publicStatusSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => publicStatus(options.db, request.params.id, now()),
  );
}
