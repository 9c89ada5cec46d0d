import { DomainError, QuotaExceeded, ValidationFailed } from '@mcpulse/core';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 403,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string; limit?: number };
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).send(body);
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
    if (status === 415 || (status >= 400 && status < 500 && error.code?.startsWith('FST_ERR_CTP'))) {
      return send(reply, status, { error: { code: 'invalid_body', message: error.message } });
    }
    if (status < 500) return send(reply, status, { error: { code: 'bad_request', message: error.message } });
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, { error: { code: 'internal', message: 'internal error' } });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, {
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
