import { accountSchema, errorResponse, logInBody, signUpBody } from '@mcpulse/contract';
import { Unauthenticated } from '@mcpulse/core';
import type { FastifyReply } from 'fastify';
import { resolvePrincipal, SESSION_COOKIE } from '../auth/resolve-principal.js';
import { describeAccount } from '../domain/accounts/describe-account.js';
import { logIn } from '../domain/accounts/log-in.js';
import type { OpenedSession } from '../domain/accounts/open-session.js';
import { signUp } from '../domain/accounts/sign-up.js';
import { failureCountersFor, logInThrottle } from '../plugins/log-in-throttle.js';
import { signInLimit } from '../plugins/rate-limits.js';
import type { RouteContext } from './route-context.js';

export function setSessionCookie(reply: FastifyReply, session: OpenedSession, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

/** Sign-up and log-in: public by nature, so registered outside the authenticated scope. */
export function authRoutes({ app, options, now }: RouteContext): void {
  const limited = signInLimit(app, options.rateLimit);
  const admitLogIn = logInThrottle(failureCountersFor(options.rateLimit), options.rateLimit);
  const account = async (token: string) => {
    const principal = await resolvePrincipal(options.db, undefined, token, now());
    if (!principal) throw new Error('a session just opened could not be read back');
    return describeAccount(options.db, principal);
  };

  app.post(
    '/api/v1/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and its organisation; signs in',
        body: signUpBody,
        response: { 201: accountSchema, 400: errorResponse, 409: errorResponse, 429: errorResponse },
      },
      onRequest: limited,
    },
    async (request, reply) => {
      const session = await signUp(options.db, request.body, now());
      setSessionCookie(reply, session, options.cookieSecure);
      return reply.status(201).send(await account(session.token));
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: logInBody,
        response: { 200: accountSchema, 400: errorResponse, 401: errorResponse, 429: errorResponse },
      },
      onRequest: limited,
    },
    async (request, reply) => {
      const attempt = await admitLogIn(request, request.body.email);
      const session = await logIn(options.db, request.body.email, request.body.password, now()).catch(
        async (error: unknown) => {
          if (error instanceof Unauthenticated) await attempt.failed();
          throw error;
        },
      );
      await attempt.succeeded();
      setSessionCookie(reply, session, options.cookieSecure);
      return account(session.token);
    },
  );
}
