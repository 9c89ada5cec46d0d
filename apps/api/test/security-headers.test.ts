import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from './support/raw-http.js';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

/** Each directive of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

function expectSecurityHeaders(headers: Record<string, unknown>, where: string): void {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  const csp = directives(String(headers['content-security-policy'] ?? ''));
  expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  expect(csp.get('script-src'), where).toBeDefined();
  expect(csp.get('script-src'), where).not.toContain("'unsafe-inline'");
}

describe('security headers', () => {
  let t: TestApp;
  let webRoot: string;
  let port: number;

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'mcpulse-web-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>mcpulse</title>');
    await writeFile(path.join(webRoot, 'assets', 'index-a1b2c3.js'), 'console.log(1)');
    t = await createTestApp({ webRoot, bodyLimitBytes: 1024 });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('give the dashboard a policy with no inline script or style, no framing and no foreign sources', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    const csp = directives(response.headers['content-security-policy'] as string);
    expect(Object.fromEntries(csp)).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
    });
    expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-|\*|https?:/);
  });

  const ANSWERS: Array<[string, InjectOptions]> = [
    ['the dashboard', { method: 'GET', url: '/' }],
    ['a dashboard route', { method: 'GET', url: '/monitors' }],
    ['a hashed asset', { method: 'GET', url: '/assets/index-a1b2c3.js' }],
    ['a health check', { method: 'GET', url: '/healthz' }],
    ['an API error', { method: 'GET', url: '/api/v1/account' }],
    ['a validation error', { method: 'POST', url: '/api/v1/auth/login', payload: {} }],
    ['an unknown route', { method: 'GET', url: '/api/v1/nothing' }],
    ['a refused host', { method: 'GET', url: '/api/v1/account', headers: { host: 'rebind.example' } }],
    [
      'a refused origin',
      { method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'https://evil.example' }, payload: {} },
    ],
    ['a malformed URL', { method: 'GET', url: '/api/v1/monitors/%E0%A4%A' }],
    ['a too long path segment', { method: 'GET', url: `/api/v1/monitors/${'a'.repeat(101)}` }],
    ['the OpenAPI document', { method: 'GET', url: '/docs/json' }],
  ];

  it.each(ANSWERS)('come with %s', async (where, request) => {
    const response = await t.app.inject(request);
    expectSecurityHeaders(response.headers, where);
  });

  it('come with a signed-in answer', async () => {
    const owner = await signUpUser(t.app);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: owner.headers });
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response.headers, 'account');
  });

  it('come with what the HTTP parser refuses, answered on the socket', async () => {
    const [response] = await rawExchange(port, [
      `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]);
    expect(response?.status).toBe(431);
    expectSecurityHeaders(response?.headers ?? {}, 'header overflow');
  });

  it('give the OpenAPI UI its own policy: data: images, still no inline script and no framing', async () => {
    for (const url of ['/docs', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui.css']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expectSecurityHeaders(response.headers, url);
      const csp = directives(response.headers['content-security-policy'] as string);
      expect(csp.get('img-src'), url).toEqual(["'self'", 'data:']);
    }
  });
});
