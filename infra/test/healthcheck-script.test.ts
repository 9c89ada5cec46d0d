import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from './support/repo.js';

const SCRIPT = repoPath('infra', 'healthcheck.mjs');

/** Exit code of `node infra/healthcheck.mjs ...args`. */
function runCheck(...args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [SCRIPT, ...args], { timeout: 15_000 }, () => undefined);
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('infra/healthcheck.mjs', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/stall') return; // never answers: the check must time out on its own
      response.statusCode = request.url === '/healthz' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('exits 0 on a 2xx answer', async () => {
    expect(await runCheck(`${base}/healthz`)).toBe(0);
  });

  it('exits 1 on a 503 (a draining or unready process)', async () => {
    expect(await runCheck(`${base}/readyz`)).toBe(1);
  });

  it('exits 1 when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await runCheck(`http://127.0.0.1:${port}/healthz`)).toBe(1);
  });

  it('exits 1 within its own timeout when the process hangs', async () => {
    const started = Date.now();
    expect(await runCheck(`${base}/stall`)).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('exits 1 without a URL rather than Docker-reserved 2', async () => {
    expect(await runCheck()).toBe(1);
  });
});
