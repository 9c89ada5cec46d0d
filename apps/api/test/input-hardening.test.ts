import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../src/plugins/error-handler.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

/** Values Postgres cannot store or cast must be a 400 naming the field, never a 500 from the database. */
describe('input the database would refuse', () => {
  let t: TestApp;
  let caller: Caller;
  let monitorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    caller = await signUpUser(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: caller.headers,
      payload: { name: 'ok', url: 'https://nul.example.com/mcp' },
    });
    monitorId = created.json<{ monitor: { id: string } }>().monitor.id;
  });
  afterAll(async () => t?.close());

  const expect400 = (response: { statusCode: number; json: () => unknown }, field: string) => {
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'validation_failed', message: expect.stringContaining(field), field },
    });
  };

  it('refuses a NUL character in a sign-up field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'nul@example.com', password: 'correct horse battery', name: 'a\u0000b' },
    });
    expect400(response, 'name');
  });

  it('refuses a NUL character in a monitor name and in a header value', async () => {
    const base = { method: 'POST' as const, url: '/api/v1/monitors', headers: caller.headers };
    expect400(
      await t.app.inject({ ...base, payload: { name: 'a\u0000', url: 'https://nul.example.com/mcp' } }),
      'name',
    );
    expect400(
      await t.app.inject({
        ...base,
        payload: { name: 'h', url: 'https://nul.example.com/mcp', headers: { 'X-Token': 'a\u0000b' } },
      }),
      'headers.X-Token',
    );
  });

  it('refuses a NUL character in a query parameter', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/monitors?search=a%00b',
      headers: caller.headers,
    });
    expect400(response, 'search');
  });

  it('refuses a cursor that names an impossible instant', async () => {
    const cursor = Buffer.from(JSON.stringify(['2026-99-99T99:99:99.999999Z', 'eu-west'])).toString(
      'base64url',
    );
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitors/${monitorId}/results?cursor=${cursor}`,
      headers: caller.headers,
    });
    expect400(response, 'cursor');
  });
});

describe('the error handler', () => {
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    registerErrorHandler(app);
    app.get('/data-exception', async () => {
      // What drizzle throws when Postgres refuses a value: the driver's error as the cause.
      throw Object.assign(new Error('Failed query: select $1::int\nparams: x'), {
        cause: Object.assign(new Error('invalid input syntax for type integer: "x"'), { code: '22P02' }),
      });
    });
    app.get('/overflow', async () => {
      throw Object.assign(new Error('Failed query'), {
        cause: Object.assign(new Error('bigint out of range'), { code: '22003' }),
      });
    });
    app.get('/other-database-error', async () => {
      throw Object.assign(new Error('Failed query'), {
        cause: Object.assign(new Error('deadlock'), { code: '40P01' }),
      });
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('answers 400 when the database refused a value that validation let through', async () => {
    const response = await app.inject({ method: 'GET', url: '/data-exception' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'validation_failed', message: 'a value in the request is not valid' },
    });
  });

  it('keeps other database errors, an overflow of its own included, a 500 that says nothing of the query', async () => {
    for (const url of ['/other-database-error', '/overflow']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    }
  });
});
