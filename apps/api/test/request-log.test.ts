import { Writable } from 'node:stream';
import { createLogger } from '@mcpulse/config';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogLevel } from '../src/request-log.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Builds the app with a logger at `loggerLevel` and returns the lines it writes. */
async function appLogging(loggerLevel: 'info' | 'debug', requestLogLevel?: RequestLogLevel) {
  const lines: Array<{ level: number; msg: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  t = await createTestApp({
    logger: createLogger({ name: 'request-log-test', level: loggerLevel, destination }),
    ...(requestLogLevel ? { requestLogLevel } : {}),
  });
  return lines;
}

const requestLines = (lines: Array<{ level: number; msg: string }>) =>
  lines.filter((line) => ['incoming request', 'request completed'].includes(line.msg));

describe('request logging', () => {
  it('logs every request at info by default (the distributed API)', async () => {
    const lines = await appLogging('info');
    expect((await t!.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(requestLines(lines).map((line) => [line.level, line.msg])).toEqual([
      [30, 'incoming request'],
      [30, 'request completed'],
    ]);
  });

  it('at debug (the embedded mode) a request writes nothing at info, and its lines at debug', async () => {
    const quiet = await appLogging('info', 'debug');
    await t!.app.inject({ method: 'GET', url: '/healthz' });
    await t!.app.inject({ method: 'GET', url: '/api/v1/monitors' });
    await t!.app.inject({ method: 'GET', url: '/no-such-route' });
    expect(quiet).toEqual([]);
    await t!.close();

    const verbose = await appLogging('debug', 'debug');
    await t!.app.inject({ method: 'GET', url: '/healthz' });
    expect(requestLines(verbose).map((line) => [line.level, line.msg])).toEqual([
      [20, 'incoming request'],
      [20, 'request completed'],
    ]);
  });
});
