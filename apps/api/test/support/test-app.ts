import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { runProbe } from '@mcpulse/probe';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { AppOptions, AppState } from '../../src/app-options.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  options: AppOptions;
  state: AppState;
  close(): Promise<void>;
}

/** A real app on its own real Postgres database; `app.inject` needs no port. */
export async function createTestApp(overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const options: AppOptions = {
    db: database.handle.db,
    secretKey: randomBytes(32),
    regions: ['eu-west', 'us-east', 'ap-south'],
    allowPrivateTargets: true,
    rateLimit: { perKey: 10_000, perIp: 10_000, signInPerIp: 10_000, logInFailuresPerAddress: 10_000 },
    bodyLimitBytes: 1_048_576,
    cookieSecure: false,
    logger: createLogger({ name: 'api-test', level: 'silent' }),
    checkReadiness: () => database.handle.ping(),
    probe: runProbe,
    ...overrides,
  };
  const state: AppState = { shuttingDown: false };
  const app = await buildApp(options, state);
  return {
    app,
    database,
    options,
    state,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Caller {
  /** Extra headers that authenticate the caller: cookie + CSRF token, or a bearer key. */
  headers: Record<string, string>;
  organizationId: string;
}

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'mcpulse_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `mcpulse_session=${cookie.value}`;
}

/** Signs a new user up and returns the headers a browser would send. */
export async function signUpUser(
  app: FastifyInstance,
  email = `u${randomBytes(4).toString('hex')}@example.com`,
): Promise<Caller> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password: 'correct horse battery' },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const body = response.json<{ csrfToken: string; organization: { id: string } }>();
  return {
    headers: { cookie: sessionCookie(response), 'x-csrf-token': body.csrfToken },
    organizationId: body.organization.id,
  };
}
