import { accountSchema, errorResponse, noContent } from '@mcpulse/contract';
import { principalOf } from '../auth/principal.js';
import { SESSION_COOKIE } from '../auth/resolve-principal.js';
import { describeAccount } from '../domain/accounts/describe-account.js';
import { logOut } from '../domain/accounts/log-out.js';
import type { RouteContext } from './route-context.js';

export function accountRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/account',
    {
      schema: {
        tags: ['auth'],
        summary: 'The caller: user, organisation, plan and usage, and the CSRF token for the session',
        response: { 200: accountSchema, 401: errorResponse },
      },
    },
    async (request) => describeAccount(options.db, principalOf(request)),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 204: noContent, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(options.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
