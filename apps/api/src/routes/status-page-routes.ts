import {
  errorResponse,
  idParams,
  incidentUpdateBody,
  incidentUpdateListSchema,
  incidentUpdateParams,
  incidentUpdateSchema,
  noContent,
  statusPageBody,
  statusPageListSchema,
  statusPageSchema,
} from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { verifyOwnedDomain } from '../domain/status-pages/domains/domain-verification.js';
import {
  deleteOwnedIncidentUpdate,
  listOwnedIncidentUpdates,
  postIncidentUpdate,
} from '../domain/status-pages/incident-updates.js';
import { statusPagesChanged } from '../domain/status-pages/page-changes.js';
import {
  deleteOwnedStatusPage,
  listOwnedStatusPages,
  readOwnedStatusPage,
} from '../domain/status-pages/read-status-pages.js';
import { createStatusPage, replaceOwnedStatusPage } from '../domain/status-pages/save-status-page.js';
import type { RouteContext } from './route-context.js';

const readErrors = { 400: errorResponse, 401: errorResponse, 404: errorResponse };
const writeErrors = { ...readErrors, 403: errorResponse };

/** The owner's status pages (docs/status-pages.md). */
export function statusPageRoutes({ app, options, now }: RouteContext): void {
  const tags = ['status pages'];

  app.get(
    '/api/v1/status-pages',
    {
      schema: {
        tags,
        summary: "The organisation's status pages",
        response: { 200: statusPageListSchema, ...readErrors },
      },
    },
    async (request) => listOwnedStatusPages(options, principalOf(request)),
  );

  app.post(
    '/api/v1/status-pages',
    {
      schema: {
        tags,
        summary: 'Publish a status page',
        description:
          'The slug and the custom domain are unique across the service (a taken one is a 400 naming the field). Every monitor must be one of the organisation’s, at most once per page.',
        body: statusPageBody,
        response: { 201: statusPageSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const page = await createStatusPage(options, principalOf(request), request.body, now());
      // A visitor may have asked for its slug or domain a moment ago: the cached "no such page" goes.
      statusPagesChanged(options, [page.id]);
      return reply.status(201).send(page);
    },
  );

  app.get(
    '/api/v1/status-pages/:id',
    {
      schema: {
        tags,
        summary: 'One status page',
        params: idParams,
        response: { 200: statusPageSchema, ...readErrors },
      },
    },
    async (request) => readOwnedStatusPage(options, principalOf(request), request.params.id),
  );

  app.put(
    '/api/v1/status-pages/:id',
    {
      schema: {
        tags,
        summary: 'Replace a status page whole: its fields, groups and monitors',
        params: idParams,
        body: statusPageBody,
        response: { 200: statusPageSchema, ...writeErrors },
      },
    },
    async (request) => {
      const page = await replaceOwnedStatusPage(
        options,
        principalOf(request),
        request.params.id,
        request.body,
        now(),
      );
      statusPagesChanged(options, [page.id]);
      return page;
    },
  );

  app.post(
    '/api/v1/status-pages/:id/domain-verification',
    {
      schema: {
        tags,
        summary: 'Check the DNS record that proves the custom domain is the organisation’s',
        description:
          'Looks up the TXT record named in `domainVerification` (at most 5 s). Found: the proof is stored and the page answered. Otherwise a 409 whose code says what was found: `dns_record_missing`, `dns_record_mismatch` (both also clear an earlier proof) or `dns_lookup_failed` (the proof stays as it was). A page is served on its domain only once proved and on MCPULSE_ALLOWED_HOSTS.',
        params: idParams,
        response: { 200: statusPageSchema, ...writeErrors, 409: errorResponse },
      },
    },
    async (request) =>
      verifyOwnedDomain(options, principalOf(request), request.params.id, now(), (pageId) =>
        statusPagesChanged(options, [pageId]),
      ),
  );

  app.delete(
    '/api/v1/status-pages/:id',
    {
      schema: {
        tags,
        summary: 'Delete a status page and its subscribers',
        params: idParams,
        response: { 204: noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteOwnedStatusPage(options, principalOf(request), request.params.id);
      statusPagesChanged(options, [request.params.id]);
      return reply.status(204).send(null);
    },
  );
}

/** Updates an owner posts to an incident, shown on status pages and sent as `incident.updated`. */
export function incidentUpdateRoutes({ app, options, now }: RouteContext): void {
  const tags = ['status pages'];

  app.get(
    '/api/v1/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: "An incident's posted updates, newest first",
        params: idParams,
        response: { 200: incidentUpdateListSchema, ...readErrors },
      },
    },
    async (request) => listOwnedIncidentUpdates(options, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post an update to an incident (investigating, identified, monitoring, resolved)',
        description:
          'Shown on every status page that shows the incident’s monitor and in their feeds, and sent to webhooks as `incident.updated`. The incident’s own start and end remain what the checks confirm.',
        params: idParams,
        body: incidentUpdateBody,
        response: { 201: incidentUpdateSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { update, pageIds } = await postIncidentUpdate(
        options,
        principalOf(request),
        request.params.id,
        request.body,
        now(),
      );
      statusPagesChanged(options, pageIds);
      return reply.status(201).send(update);
    },
  );

  app.delete(
    '/api/v1/incidents/:id/updates/:updateId',
    {
      schema: {
        tags,
        summary: 'Remove an update posted by mistake (a webhook already sent stays sent)',
        params: incidentUpdateParams,
        response: { 204: noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      const pageIds = await deleteOwnedIncidentUpdate(
        options,
        principalOf(request),
        request.params.id,
        request.params.updateId,
      );
      statusPagesChanged(options, pageIds);
      return reply.status(204).send(null);
    },
  );
}
