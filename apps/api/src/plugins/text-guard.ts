import { ValidationFailed } from '@mcpulse/core';
import type { FastifyInstance } from 'fastify';

const MAX_DEPTH = 8;

/** The dotted path of the first string under `value` that holds a NUL character, or null. */
function firstNul(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return null;
  for (const [key, nested] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = firstNul(nested, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses a NUL character anywhere in a request's body, query or path with a
 * 400 naming the field: Postgres text cannot hold one, and without this check
 * such a value would reach a query and fail there as a 500.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = firstNul(part, '', 0);
      if (field !== null)
        throw new ValidationFailed(field || 'body', `${field || 'body'}: must not contain a NUL character`);
    }
  });
}
