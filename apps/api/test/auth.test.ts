import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sign-up, log-in and sessions', () => {
  it('signs up, sets an httpOnly SameSite cookie and returns the account', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'Ada@Example.com',
        password: 'correct horse battery',
        organizationName: 'Analytical',
      },
    });
    expect(response.statusCode).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'mcpulse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.json()).toMatchObject({
      user: { email: 'ada@example.com' },
      organization: { name: 'Analytical', plan: 'free' },
      usage: { monitors: 0, monitorQuota: 5 },
    });
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'ADA@example.com', password: 'another long password' },
    });
    expect(response.statusCode).toBe(409);
  });

  it.each([
    [{ email: 'not-an-email', password: 'correct horse battery' }, 'email'],
    [{ email: 'x@example.com', password: 'short' }, 'password'],
    [{ password: 'correct horse battery' }, 'email'],
  ])('answers invalid sign-up input with 400 naming the field', async (payload, field) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field });
  });

  it('logs in with the right password only, with one answer for every failure', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ada@example.com', password: 'correct horse battery' },
    });
    expect(ok.statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ada@example.com', password: 'wrong horse battery' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'wrong horse battery' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('requires authentication for the account', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { cookie: 'mcpulse_session=mcps_forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('requires the CSRF token for unsafe requests made with the cookie', async () => {
    const caller = await signUpUser(t.app);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: caller.headers.cookie ?? '' },
    });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...caller.headers, 'x-csrf-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { cookie: caller.headers.cookie ?? '' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('logs out and the session stops working', async () => {
    const caller = await signUpUser(t.app);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: caller.headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: caller.headers });
    expect(after.statusCode).toBe(401);
  });
});

describe('health', () => {
  it('is alive and ready, then not ready while shutting down', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    t.state.shuttingDown = true;
    const draining = await t.app.inject({ method: 'GET', url: '/readyz' });
    t.state.shuttingDown = false;
    expect(draining.statusCode).toBe(503);
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/signup', '/api/v1/account']),
    );
  });

  it('says in the OpenAPI document that a session write needs the X-CSRF-Token header', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.components.securitySchemes.csrfToken).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
    });
    expect(doc.paths['/api/v1/monitors'].post.security).toEqual([
      { apiKey: [] },
      { session: [], csrfToken: [] },
    ]);
    expect(doc.paths['/api/v1/monitors'].get.security).toEqual([{ apiKey: [] }, { session: [] }]);
  });
});
