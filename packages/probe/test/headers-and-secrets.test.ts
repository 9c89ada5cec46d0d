import { type FixtureServer, type RawServer, startRawServer, startV1Sessionful } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyServer, result, SAMPLE_TOOL } from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

const SECRET = 'Bearer sk-live-7f3a9c1e5b2d4f60';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function raw(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(handler);
  cleanups.push(server.close);
  return server;
}

async function sessionful(requireAuth: string): Promise<FixtureServer> {
  const server = await startV1Sessionful({ requireAuth });
  cleanups.push(server.close);
  return server;
}

describe('custom headers', () => {
  it('sends the monitor headers on every request of the check', async () => {
    const server = await sessionful(SECRET);
    const { result } = await runProbe({
      url: server.url,
      allowPrivateAddresses: true,
      headers: { Authorization: SECRET },
    });
    expect(result.status).toBe('up');
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
    for (const request of server.requests) expect(request.headers.authorization).toBe(SECRET);
  });

  it('reports auth_failed with a wrong header, auth_discovery_failed without one', async () => {
    const server = await sessionful(SECRET);
    const wrong = await runProbe({
      url: server.url,
      allowPrivateAddresses: true,
      headers: { Authorization: 'Bearer not-the-one-0001' },
    });
    expect(wrong.result.error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    expect(wrong.result.error?.message).toContain('Bearer realm="fixture"');
    const { result } = await runProbe({ url: server.url, allowPrivateAddresses: true });
    expect(result.error).toMatchObject({ code: 'auth_discovery_failed', httpStatus: 401 });
  });

  it('never echoes a header value back in the result, even when the server does', async () => {
    const server = await raw((req, res) => {
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`rejected credentials ${req.headers.authorization}`);
    });
    const { result } = await runProbe({
      url: `${server.url}/mcp`,
      allowPrivateAddresses: true,
      headers: { Authorization: SECRET, 'X-Api-Key': 'key-0123456789' },
    });
    expect(result.error?.code).toBe('http_error');
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain('sk-live-7f3a9c1e5b2d4f60');
    expect(serialized).not.toContain('key-0123456789');
    expect(result.error?.message).toContain('[redacted]');
  });

  it('drops the monitor headers on a redirect to another origin', async () => {
    const target = await raw((req, res) => {
      res.writeHead(500).end(String(req.headers.authorization ?? 'none'));
    });
    const origin = await raw((_req, res) => {
      res.writeHead(307, { location: `${target.url.replace('127.0.0.1', 'localhost')}/mcp` }).end();
    });
    const { result } = await runProbe({
      url: `${origin.url}/mcp`,
      allowPrivateAddresses: true,
      headers: { Authorization: SECRET },
    });
    expect(result.error?.message).toContain(': none');
  });

  it('rejects a header value with a line break', async () => {
    await expect(
      runProbe({ url: 'http://127.0.0.1:1/mcp', headers: { 'X-A': 'a\r\nInjected: 1' } }),
    ).rejects.toThrow(/control character/);
  });

  it('rejects a URL that is not http(s)', async () => {
    await expect(runProbe({ url: 'ftp://example.com/mcp' })).rejects.toThrow(/scheme/);
    await expect(runProbe({ url: 'not a url' })).rejects.toThrow(/not a valid URL/);
  });
});

describe('connections', () => {
  it('opens one fresh connection per check and reuses it within the check', async () => {
    const server = await legacyServer((message, _req, res) =>
      result(res, message.id, { tools: [SAMPLE_TOOL] }),
    );
    cleanups.push(server.close);
    let connections = 0;
    server.server.on('connection', () => connections++);
    for (let i = 0; i < 2; i++) {
      const report = await runProbe({ url: `${server.url}/mcp`, allowPrivateAddresses: true });
      expect(report.result.status).toBe('up');
      expect(report.result.timings.connectMs).toBeGreaterThan(0);
    }
    expect(connections).toBe(2);
  });
});
