import {
  csvText,
  directoryAuditQuery,
  directoryAuditSchema,
  errorResponse,
  notModified,
} from '@mcpulse/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { daysCsv, endpointsCsv } from '../domain/directory-audit/audit-csv.js';
import { AuditSource } from '../domain/directory-audit/audit-source.js';
import { readAudit, readAuditSeries } from '../domain/directory-audit/read-audit.js';
import { etagMatches, etagOf } from '../entity-tags.js';
import type { RouteContext } from './route-context.js';

/** Public, and shared caches may keep it as long as the API does: the figures move with checks, minutes apart. */
const AUDIT_CACHE_CONTROL = 'public, max-age=60';

/** How long one read of every endpoint's latest check serves the audit's requests. */
export const AUDIT_READ_TTL_MS = 15_000;

const tags = ['directory'];
const csvAnswer = (description: string) => ({ description, content: { 'text/csv': { schema: csvText } } });

/** Sets the validators; true when the caller's copy is current (the answer is then a bodiless 304). */
function conditional(request: FastifyRequest, reply: FastifyReply, representation: string): boolean {
  const etag = etagOf(representation);
  reply.header('etag', etag).header('cache-control', AUDIT_CACHE_CONTROL);
  return etagMatches(request.headers['if-none-match'], etag);
}

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(Buffer.from(body, 'utf8'));
}

/** The directory audit (docs/directory.md, "Audit"): public, cacheable, as JSON and CSV. */
export function directoryAuditRoutes({ app, options, now }: RouteContext): void {
  const { db } = options;
  const source = new AuditSource(db, options.directoryAuditTtlMs ?? AUDIT_READ_TTL_MS);

  app.get(
    '/api/v1/directory/audit',
    {
      schema: {
        tags,
        summary: 'The audit of the public MCP directory: outcome buckets now, and as a daily series',
        description:
          'Now: each probed endpoint in the bucket of its latest check (MCP up; HTTP alive, MCP dead, split by error code; auth required; DNS; TLS; refused; timeout; blocked address), with shares of the checked endpoints; the headline is the "HTTP alive, MCP dead" share. The daily series: each endpoint checked that UTC day, in the bucket of its last check of the day. Sent with ETag and Cache-Control; If-None-Match with the current tag is a 304. See docs/directory.md.',
        security: [],
        querystring: directoryAuditQuery,
        response: { 200: directoryAuditSchema, 304: notModified, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const asOf = now();
      const report = await readAudit(db, source, asOf, request.query.days);
      if (conditional(request, reply, JSON.stringify(report))) return reply.code(304).send(null);
      return { asOf, ...report };
    },
  );

  app.get(
    '/api/v1/directory/audit/endpoints.csv',
    {
      schema: {
        tags,
        summary: 'Every directory endpoint with the outcome of its latest check, as CSV',
        description:
          'One row per endpoint URL, in URL order: the servers listing it, whether it is probed (and why not), and its latest check (bucket, status, error code, HTTP status, era, protocol version, tool count, when). Text from registries and servers is guarded against spreadsheet formulas (a leading =, +, -, @ gets an apostrophe). Sent with ETag and Cache-Control.',
        security: [],
        response: {
          200: csvAnswer('The endpoints, one per row, with a header row'),
          304: notModified,
        },
      },
    },
    async (request, reply) => {
      const body = endpointsCsv(await source.endpoints());
      if (conditional(request, reply, body)) return reply.code(304).send(null);
      return sendCsv(reply, 'mcpulse-directory-endpoints.csv', body);
    },
  );

  app.get(
    '/api/v1/directory/audit/days.csv',
    {
      schema: {
        tags,
        summary: "The audit's daily series as CSV: one row per day, bucket and error code",
        security: [],
        querystring: directoryAuditQuery,
        response: {
          200: csvAnswer('The series, oldest day first, with a header row'),
          304: notModified,
          400: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const body = daysCsv(await readAuditSeries(db, now(), request.query.days));
      if (conditional(request, reply, body)) return reply.code(304).send(null);
      return sendCsv(reply, 'mcpulse-directory-audit-days.csv', body);
    },
  );
}
