import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from './support/raw-http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const BODY_LIMIT = 1024;
const ONE_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

/** Every abnormal request the framework, not a route, refuses; each answers in the API's one error shape. */
const INJECTED: Array<{ name: string; request: InjectOptions; status: number; code: string }> = [
  { name: 'unknown route', request: { method: 'GET', url: '/api/v1/nope' }, status: 404, code: 'not_found' },
  {
    name: 'method a route does not take',
    request: { method: 'DELETE', url: '/healthz' },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'unknown method',
    request: { method: 'PROPFIND' as 'GET', url: '/api/v1/monitors' },
    status: 404,
    code: 'not_found',
  },
  {
    name: 'malformed %-escape in the path',
    request: { method: 'GET', url: '/api/v1/monitors/%E0%A4%A' },
    status: 400,
    code: 'bad_url',
  },
  {
    name: 'path segment past the router limit',
    request: { method: 'GET', url: `/api/v1/monitors/${'a'.repeat(101)}` },
    status: 414,
    code: 'uri_too_long',
  },
  {
    name: 'malformed JSON',
    request: {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    },
    status: 400,
    code: 'invalid_body',
  },
  {
    name: 'empty JSON body',
    request: {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    },
    status: 400,
    code: 'invalid_body',
  },
  {
    name: 'prototype pollution in JSON',
    request: {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"admin": true}}',
    },
    status: 400,
    code: 'invalid_body',
  },
  {
    name: 'body with no content type',
    request: { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': '' }, payload: '{}' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'body of an unparsed content type',
    request: {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a',
    },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'body over the limit',
    request: {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(BODY_LIMIT) }),
    },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'path parameter that fails its schema',
    request: { method: 'GET', url: '/api/v1/public/monitors/not-a-uuid/status' },
    status: 400,
    code: 'validation_failed',
  },
];

describe('framework-level refusals answer in the one error shape', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ bodyLimitBytes: BODY_LIMIT });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  it.each(INJECTED)('$name: $status $code', async ({ request, status, code }) => {
    const response = await t.app.inject(request);
    expect(response.statusCode, response.body).toBe(status);
    // `field` (validation) and `limit` (quotas) are part of the shape where they apply.
    expect(response.json()).toEqual({
      error: expect.objectContaining({ code, message: expect.any(String) }),
    });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('quotes at most a bounded part of an unknown path', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/${'x'.repeat(5_000)}` });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { message: string } }>().error.message.length).toBeLessThan(300);
  });

  const host = 'Host: localhost\r\nConnection: close\r\n';
  const OVER_THE_WIRE: Array<{ name: string; request: string; status: number; code: string }> = [
    {
      name: 'headers past the parser limit',
      request: `GET /healthz HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      status: 431,
      code: 'headers_too_large',
    },
    {
      name: 'a URL past the parser limit',
      request: `GET /api/v1/${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`,
      status: 431,
      code: 'headers_too_large',
    },
    {
      name: 'header line without a colon',
      request: `GET /healthz HTTP/1.1\r\n${host}Not a header\r\n\r\n`,
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'garbage request line',
      request: 'HELLO THERE\r\n\r\n',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'non-numeric Content-Length',
      request: `POST /api/v1/auth/login HTTP/1.1\r\n${host}Content-Length: abc\r\n\r\n`,
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'Content-Length and chunked together (request smuggling)',
      request: `POST /api/v1/auth/login HTTP/1.1\r\n${host}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'malformed %-escape in the path',
      request: `GET /api/v1/monitors/%E0%A4%A HTTP/1.1\r\n${host}\r\n`,
      status: 400,
      code: 'bad_url',
    },
    {
      name: 'path segment past the router limit',
      request: `GET /api/v1/monitors/${'a'.repeat(101)} HTTP/1.1\r\n${host}\r\n`,
      status: 414,
      code: 'uri_too_long',
    },
    {
      name: 'chunked body over the limit',
      request: `POST /api/v1/auth/login HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${(BODY_LIMIT * 2).toString(16)}\r\n${'x'.repeat(BODY_LIMIT * 2)}\r\n0\r\n\r\n`,
      status: 413,
      code: 'payload_too_large',
    },
  ];

  it.each(OVER_THE_WIRE)('over a socket, $name: $status $code', async ({ request, status, code }) => {
    const [response, ...rest] = await rawExchange(port, [request]);
    expect(response, 'an answer').toBeDefined();
    expect(response?.status, response?.body).toBe(status);
    expect(JSON.parse(response?.body ?? '')).toEqual({ error: { code, message: expect.any(String) } });
    expect(response?.headers['content-type']).toMatch(/^application\/json/);
    expect(rest).toEqual([]);
  });
});

describe('a request arriving while the app closes', () => {
  let t: TestApp;
  let port: number;
  let closed: Promise<void> | undefined;

  beforeAll(async () => {
    t = await createTestApp({ checkReadiness: () => sleep(800) });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await closed;
    await t?.database.drop();
  });

  it('is refused with 503 shutting_down and Connection: close, while the request in flight finishes', async () => {
    const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
    const responses = await rawExchange(port, [request('/readyz'), request('/healthz')], {
      delayMs: 100,
      between: async () => {
        closed = t.app.close();
        await sleep(50);
      },
    });
    expect(responses.map((response) => response.status)).toEqual([200, 503]);
    expect(JSON.parse(responses[1]?.body ?? '')).toEqual({
      error: { code: 'shutting_down', message: expect.any(String) },
    });
    expect(responses[1]?.headers.connection).toBe('close');
    expect(JSON.parse(responses[1]?.body ?? '')).toEqual(ONE_SHAPE);
  });
});
