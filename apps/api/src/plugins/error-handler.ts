import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError, QuotaExceeded, ValidationFailed } from '@mcpulse/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { RequestRefused } from './request-refused.js';
import { SECURITY_HEADERS } from './security-headers.js';

const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 403,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  dns_record_missing: 409,
  dns_record_mismatch: 409,
  dns_lookup_failed: 409,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string; limit?: number };
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).send(body);
}

/** Fastify's router refuses a path segment longer than this (its `maxParamLength`, kept at the default). */
export const MAX_PARAM_LENGTH = 100;
/** How much of a refused path an error message quotes: the client sent it, and it may be huge. */
const QUOTED_PATH_CHARS = 200;

function quotedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > QUOTED_PATH_CHARS ? `${path.slice(0, QUOTED_PATH_CHARS)}…` : path;
}

/**
 * What the router refuses before any route or hook runs: a URL that does not
 * decode, a path segment past `MAX_PARAM_LENGTH`.
 */
function frameworkError(error: FastifyError): { status: number; body: ErrorBody } {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        body: { error: { code: 'bad_url', message: 'the URL is not valid: it holds a malformed %-escape' } },
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        body: {
          error: {
            code: 'uri_too_long',
            message: `a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
          },
        },
      };
    default:
      return { status: 400, body: { error: { code: 'bad_request', message: 'the request was refused' } } };
  }
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request: headers past
 * Node's size limit, a malformed request line or header, a request that took
 * too long to arrive. Only the socket is left to answer on.
 */
function clientError(error: NodeJS.ErrnoException): { status: number; body: ErrorBody } {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      body: {
        error: { code: 'headers_too_large', message: 'the request line and headers are too large' },
      },
    };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      body: { error: { code: 'request_timeout', message: 'the request did not arrive in time' } },
    };
  return {
    status: 400,
    body: { error: { code: 'bad_request', message: 'the request is not well-formed HTTP' } },
  };
}

function answerOnSocket(socket: Socket, status: number, body: ErrorBody): void {
  const json = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(json)}`,
    'connection: close',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${json}`);
}

/**
 * The Fastify options that give refusals made before any route runs the one
 * error shape: pass them to `Fastify(...)`.
 */
export function frameworkErrorOptions(): Pick<
  FastifyServerOptions,
  'frameworkErrors' | 'clientErrorHandler'
> {
  return {
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = frameworkError(error);
      // No hook runs for these requests, so the headers every answer carries are set here.
      return send(reply.headers(SECURITY_HEADERS), status, body);
    },
    clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket) {
      // A reset or already closed connection has nobody left to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      this.log.debug({ err: error }, 'malformed HTTP request refused');
      const { status, body } = clientError(error);
      if (socket.writable) answerOnSocket(socket, status, body);
      else socket.destroy();
    },
  };
}

/** Turns a zod issue path into the field name a client sent (`body.headers.x` → `headers.x`). */
function fieldOf(instancePath: string, segment: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path || segment || 'body';
}

/**
 * SQLSTATEs that mean Postgres refused a value of the request itself: text it
 * cannot hold or parse, a date or number it cannot represent. Input
 * validation should catch these first; this keeps any it misses a 400. Other
 * data exceptions (an overflow in a sum) are the server's own and stay 500s.
 */
const INPUT_DATA_EXCEPTIONS = new Set(['22P02', '22P05', '22021', '22007', '22008', '22001']);

function inputDataException(error: unknown): string | null {
  for (let cause = error, depth = 0; cause && depth < 4; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && INPUT_DATA_EXCEPTIONS.has(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** The one place errors become HTTP: domain errors by code, schema errors as 400 naming the field. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      // An unknown key is reported on the object holding it; the client wants the key itself.
      const unknownKey =
        first?.keyword === 'unrecognized_keys' ? (first.params as { keys?: string[] }).keys?.[0] : undefined;
      const field = fieldOf(
        unknownKey === undefined
          ? (first?.instancePath ?? '')
          : `${first?.instancePath ?? ''}/${unknownKey}`.replace(/^\/+/, '/'),
        undefined,
      );
      const where = error.validationContext === 'body' ? '' : `${error.validationContext ?? 'request'} `;
      return send(reply, 400, {
        error: {
          code: 'validation_failed',
          message: `${where}${field}: ${first?.message ?? 'invalid'}`,
          field,
        },
      });
    }
    if (error instanceof ValidationFailed) {
      return send(reply, 400, { error: { code: error.code, message: error.message, field: error.field } });
    }
    if (error instanceof RequestRefused) {
      reply.headers(error.headers);
      return send(reply, error.statusCode, { error: { code: error.code, message: error.message } });
    }
    if (error instanceof QuotaExceeded) {
      return send(reply, 403, { error: { code: error.code, message: error.message, limit: error.limit } });
    }
    if (error instanceof DomainError) {
      return send(reply, STATUS_BY_CODE[error.code] ?? 400, {
        error: { code: error.code, message: error.message },
      });
    }
    const refused = inputDataException(error);
    if (refused !== null) {
      // The code only: the driver's message quotes the refused value.
      request.log.warn({ sqlstate: refused }, 'the database refused a value of the request');
      return send(reply, 400, {
        error: { code: 'validation_failed', message: 'a value in the request is not valid' },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return send(reply, 429, { error: { code: 'rate_limited', message: error.message } });
    }
    if (status === 413) {
      return send(reply, 413, { error: { code: 'payload_too_large', message: 'request body is too large' } });
    }
    if (status === 415) {
      return send(reply, 415, {
        error: { code: 'unsupported_media_type', message: 'send the body as application/json' },
      });
    }
    if (status >= 400 && status < 500 && error.code?.startsWith('FST_ERR_CTP')) {
      return send(reply, status, { error: { code: 'invalid_body', message: error.message } });
    }
    if (status < 500) return send(reply, status, { error: { code: 'bad_request', message: error.message } });
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, { error: { code: 'internal', message: 'internal error' } });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, {
      error: { code: 'not_found', message: `no route ${request.method} ${quotedPath(request.url)}` },
    }),
  );
}
