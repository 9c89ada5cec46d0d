import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, type Logger, type LoggerOptions } from './logger.js';
import { REDACT_PATHS } from './redact-paths.js';

const SECRET = 's3cr3t-VALUE-123';
const KEPT = 'kept-VALUE-456';
const PATH_SEGMENT = /[^.[\]]+|\[([^[\]]*?)\]/g;

const dir = mkdtempSync(join(tmpdir(), 'mcpulse-config-logger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = Record<string, unknown>;

/** Logs through a real synchronous file destination and returns what reached the file. */
function capture(log: (logger: Logger) => void, options: Partial<LoggerOptions> = {}) {
  const file = join(dir, `${randomUUID()}.log`);
  const destination = pino.destination({ dest: file, sync: true });
  log(createLogger({ name: 'config-test', destination, ...options }));
  destination.flushSync();
  destination.end();
  const text = readFileSync(file, 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
  return { text, lines };
}

function only(lines: Line[]): Line {
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

// A leading `*` stands for any one key; `monitor` is as good as any.
function segments(path: string): string[] {
  return [...path.matchAll(PATH_SEGMENT)].map((match) =>
    (match[1] ?? match[0]).replace(/^["'`](.*)["'`]$/, '$1').replace(/^\*$/, 'monitor'),
  );
}

function nest(keys: readonly string[], leaf: Line): Line {
  return keys.reduceRight<Line>((inner, key) => ({ [key]: inner }), leaf);
}

function at(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Line | undefined)?.[key], value);
}

describe('createLogger', () => {
  it('writes one JSON object per line with name, level and message', () => {
    const { lines } = capture((logger) => {
      logger.info({ monitorId: 'mon_1' }, 'probe finished');
      logger.warn('queue is slow');
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      name: 'config-test',
      level: 30,
      monitorId: 'mon_1',
      msg: 'probe finished',
    });
    expect(lines[1]).toMatchObject({ level: 40, msg: 'queue is slow' });
  });

  it('logs at info by default and honours the level option', () => {
    expect(capture((logger) => logger.debug('hidden')).lines).toEqual([]);
    expect(only(capture((logger) => logger.debug('shown'), { level: 'debug' }).lines).msg).toBe('shown');
  });

  it('covers the paths the services rely on', () => {
    expect(REDACT_PATHS).toEqual(
      expect.arrayContaining([
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.Authorization',
        'headers.cookie',
        '*.headers.authorization',
        '*.headers.Authorization',
        '*.headers.cookie',
        'authorization',
        'password',
        '*.password',
        'secret',
        '*.secret',
        'apiKey',
        '*.apiKey',
        'token',
        '*.token',
        'webhookSecret',
        '*.webhookSecret',
        'arguments',
        '*.arguments',
        'params.arguments',
        '*.params.arguments',
        '*.canary.arguments',
        'requestHeaders',
        '*.requestHeaders',
        'monitorHeaders',
        '*.monitorHeaders',
        'oauth',
        '*.oauth',
        'clientSecret',
        '*.clientSecret',
        'privateKey',
        '*.privateKey',
        'accessToken',
        '*.accessToken',
        'access_token',
        '*.access_token',
        'refreshToken',
        '*.refreshToken',
        'refresh_token',
        '*.refresh_token',
        'code_verifier',
        '*.code_verifier',
      ]),
    );
  });

  describe.each(REDACT_PATHS)('redacts %s', (path) => {
    it('censors the value and keeps its neighbours', () => {
      const keys = segments(path);
      const leaf = keys.at(-1)!;
      const parent = keys.slice(0, -1);
      const { text, lines } = capture((logger) =>
        logger.info({ ...nest(parent, { [leaf]: SECRET, note: KEPT }), monitorId: 'mon_1' }, 'redaction'),
      );
      const line = only(lines);
      expect(text).not.toContain(SECRET);
      expect(at(line, keys)).toBe('[redacted]');
      expect(at(line, [...parent, 'note'])).toBe(KEPT);
      expect(line.monitorId).toBe('mon_1');
    });

    it('censors a whole object held there', () => {
      const keys = segments(path);
      const { text, lines } = capture((logger) => logger.info(nest(keys, { value: SECRET }), 'redaction'));
      expect(text).not.toContain(SECRET);
      expect(at(only(lines), keys)).toBe('[redacted]');
    });
  });

  it('redacts the shapes the services log', () => {
    const { text, lines } = capture((logger) => {
      logger.info(
        {
          req: {
            method: 'GET',
            url: '/v1/monitors',
            headers: { authorization: `Bearer ${SECRET}`, host: KEPT },
          },
        },
        'request',
      );
      logger.info(
        { monitor: { id: 'mon_1', url: 'https://mcp.example.com', requestHeaders: { 'X-Custom': SECRET } } },
        'probe',
      );
      logger.info({ params: { name: 'search', arguments: { query: SECRET } } }, 'tool call');
      logger.info({ endpoint: { id: 'wh_1', webhookSecret: SECRET } }, 'webhook');
      logger.info({ user: { email: KEPT, password: SECRET } }, 'login');
      logger.child({ token: SECRET, region: 'eu-west' }).info('child bindings');
      logger.info(
        { job: { monitorId: 'mon_1', canary: { tool: 'search', arguments: { q: SECRET } } } },
        'job',
      );
      logger.info(
        {
          body: {
            name: 'm',
            oauth: { clientId: 'c', authMethod: 'client_secret_basic', clientSecret: SECRET },
          },
        },
        'create monitor',
      );
      logger.info(
        { credentials: { clientId: 'c', privateKey: SECRET }, token: { access_token: SECRET } },
        'token',
      );
    });
    expect(lines).toHaveLength(9);
    expect(text).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({
      req: { method: 'GET', headers: { authorization: '[redacted]', host: KEPT } },
    });
    expect(lines[1]).toMatchObject({ monitor: { id: 'mon_1', requestHeaders: '[redacted]' } });
    expect(lines[2]).toMatchObject({ params: { name: 'search', arguments: '[redacted]' } });
    expect(lines[3]).toMatchObject({ endpoint: { id: 'wh_1', webhookSecret: '[redacted]' } });
    expect(lines[4]).toMatchObject({ user: { email: KEPT, password: '[redacted]' } });
    expect(lines[5]).toMatchObject({ token: '[redacted]', region: 'eu-west', msg: 'child bindings' });
    expect(lines[6]).toMatchObject({ job: { canary: { tool: 'search', arguments: '[redacted]' } } });
    expect(lines[7]).toMatchObject({ body: { name: 'm', oauth: '[redacted]' } });
    expect(lines[8]).toMatchObject({ credentials: { clientId: 'c', privateKey: '[redacted]' } });
  });
});

describe('createLogger error serializer', () => {
  function httpClientError(): Error {
    return Object.assign(new Error('Request failed with status code 401'), {
      code: 'ERR_BAD_REQUEST',
      headers: { Authorization: `Bearer ${SECRET}`, Cookie: `sid=${SECRET}`, 'content-type': KEPT },
      config: {
        method: 'post',
        url: 'https://mcp.example.com/mcp',
        headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET, accept: 'application/json' },
        data: { params: { arguments: { query: SECRET } } },
      },
      request: {
        _header: `POST /mcp HTTP/1.1\r\nAuthorization: Bearer ${SECRET}\r\nHost: mcp.example.com\r\n\r\n`,
      },
      response: {
        status: 401,
        headers: new Headers({ 'set-cookie': `sid=${SECRET}`, 'www-authenticate': 'Bearer' }),
        config: { headers: { Authorization: `Bearer ${SECRET}` } },
      },
    });
  }

  it('strips credentials that an HTTP client error carries', () => {
    const { text, lines } = capture((logger) => logger.error({ err: httpClientError() }, 'probe failed'));
    const { err } = only(lines);
    expect(text).not.toContain(SECRET);
    expect(err).toMatchObject({
      type: 'Error',
      message: 'Request failed with status code 401',
      code: 'ERR_BAD_REQUEST',
      headers: { Authorization: '[redacted]', Cookie: '[redacted]', 'content-type': KEPT },
      config: {
        url: 'https://mcp.example.com/mcp',
        headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: 'application/json' },
        data: { params: { arguments: '[redacted]' } },
      },
      request: { _header: expect.stringContaining('Authorization: [redacted]\r\nHost: mcp.example.com') },
      response: {
        status: 401,
        headers: { 'set-cookie': '[redacted]', 'www-authenticate': 'Bearer' },
        config: { headers: { Authorization: '[redacted]' } },
      },
    });
    expect((err as Line).stack).toEqual(expect.stringContaining('Request failed'));
  });

  it('strips them when the error is the first argument', () => {
    const { text, lines } = capture((logger) => logger.error(httpClientError()));
    expect(text).not.toContain(SECRET);
    expect(only(lines)).toMatchObject({
      msg: 'Request failed with status code 401',
      err: { code: 'ERR_BAD_REQUEST' },
    });
  });

  it('strips them from the errors inside an AggregateError', () => {
    const { text } = capture((logger) =>
      logger.error({ err: new AggregateError([httpClientError()], 'all failed') }),
    );
    expect(text).not.toContain(SECRET);
    expect(text).toContain('ERR_BAD_REQUEST');
  });

  it('leaves the logged error untouched', () => {
    const error = httpClientError();
    capture((logger) => logger.error({ err: error }));
    expect((error as unknown as { config: { headers: Line } }).config.headers.authorization).toBe(
      `Bearer ${SECRET}`,
    );
  });

  it('scrubs a non-error value logged as err without modifying it', () => {
    const notAnError = { status: 500, headers: { authorization: SECRET } };
    const { text, lines } = capture((logger) => logger.error({ err: notAnError }, 'odd failure'));
    expect(text).not.toContain(SECRET);
    expect(only(lines).err).toEqual({ status: 500, headers: { authorization: '[redacted]' } });
    expect(notAnError.headers.authorization).toBe(SECRET);
  });

  it('keeps the parameter values of a failed query out of the message, the stack and the line', () => {
    const hash = `scrypt$32768$8$1$${SECRET}`;
    class DrizzleQueryError extends Error {
      constructor(
        readonly query: string,
        readonly params: unknown[],
      ) {
        super(`Failed query: ${query}\nparams: ${params}`);
      }
    }
    const error = new DrizzleQueryError('insert into users (email, password_hash) values ($1, $2)', [
      KEPT,
      hash,
    ]);
    for (const log of [
      (logger: Logger) => logger.error({ err: error }, 'request failed'),
      (logger: Logger) => logger.error(error),
    ]) {
      const { text, lines } = capture(log);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEPT);
      const { err } = only(lines) as { err: Line };
      expect(err.params).toBe('[redacted]');
      expect(err.message).toBe(
        'Failed query: insert into users (email, password_hash) values ($1, $2)\nparams: [redacted]',
      );
      expect(err.stack).toEqual(expect.stringContaining('params: [redacted]\n    at '));
    }
  });
});
