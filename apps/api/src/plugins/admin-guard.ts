import { createHash, timingSafeEqual } from 'node:crypto';
import { Unauthenticated } from '@mcpulse/core';
import type { FastifyInstance } from 'fastify';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The operator's routes answer only `Authorization: Bearer <MCPULSE_ADMIN_TOKEN>`.
 * User sessions and API keys are never enough, whatever their scope. Digests
 * are compared so the comparison takes the same time whatever the length sent.
 * It runs in `preParsing`, after the rate limits have counted the request, so
 * guesses spend the address's budget.
 */
export function requireAdminToken(scope: FastifyInstance, token: string): void {
  const expected = digest(token);
  scope.addHook('preParsing', async (request) => {
    const header = request.headers.authorization;
    const sent = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      throw new Unauthenticated('the operator token is missing or wrong');
    }
  });
}
