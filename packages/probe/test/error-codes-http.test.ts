import type { RawServer } from '@mcpulse/testkit';
import { startRawServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseModern, result, sendJson, startRpcServer } from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function probeOf(target: RawServer) {
  server = target;
  return (await runProbe({ url: `${target.url}/mcp`, allowPrivateAddresses: true, timeoutMs: 3_000 })).result;
}

describe('HTTP-level failures', () => {
  it('reports an HTML page as not_mcp', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Welcome</title>');
      }),
    );
    expect(probe.status).toBe('down');
    expect(probe.error).toMatchObject({ code: 'not_mcp', phase: 'handshake' });
    expect(probe.httpAlive).toBe(true);
  });

  it('reports a JSON health body that is not JSON-RPC as not_mcp', async () => {
    const probe = await probeOf(await startRawServer((_req, res) => sendJson(res, 200, { status: 'ok' })));
    expect(probe.error).toMatchObject({ code: 'not_mcp', phase: 'handshake' });
  });

  it('reports 401 as auth_failed when the monitor sent its own Authorization, and keeps the challenge', async () => {
    server = await startRawServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="mcp", error="invalid_token"' }).end();
    });
    const { result: probe } = await runProbe({
      url: `${server.url}/mcp`,
      allowPrivateAddresses: true,
      headers: { Authorization: 'Bearer expired-token-0001' },
    });
    expect(probe.error).toMatchObject({ code: 'auth_failed', phase: 'handshake', httpStatus: 401 });
    expect(probe.error?.message).toContain('Bearer realm="mcp", error="invalid_token"');
    expect(probe.httpAlive).toBe(true);
  });

  it('runs OAuth discovery on a 401 without credentials: auth_discovery_failed when there is none', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="mcp"' }).end();
      }),
    );
    expect(probe.error).toMatchObject({ code: 'auth_discovery_failed', phase: 'auth', httpStatus: 401 });
    expect(probe.auth).toMatchObject({
      required: true,
      mode: 'discovery',
      failedStep: 'protected_resource_metadata',
    });
  });

  it('reports 403 as auth_failed', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => void res.writeHead(403).end('forbidden')),
    );
    expect(probe.error).toMatchObject({ code: 'auth_failed', httpStatus: 403 });
  });

  it('reports any other non-2xx status as http_error with the status', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => void res.writeHead(503).end('maintenance')),
    );
    expect(probe.error).toMatchObject({ code: 'http_error', phase: 'handshake', httpStatus: 503 });
    expect(probe.httpAlive).toBe(true);
  });

  it('reports a JSON error page that holds no JSON-RPC error object as http_error', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => sendJson(res, 503, { error: 'maintenance until 14:00' })),
    );
    expect(probe.error).toMatchObject({ code: 'http_error', phase: 'handshake', httpStatus: 503 });
    expect(probe.error?.message).toContain('maintenance until 14:00');
  });

  it('reports malformed JSON as invalid_response', async () => {
    const probe = await probeOf(
      await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":1,"result":{');
      }),
    );
    expect(probe.error).toMatchObject({ code: 'invalid_response', phase: 'handshake' });
  });

  it('reports a response with the wrong id as invalid_response', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) =>
        result(res, Number(message.id) + 100, { supportedVersions: [] }),
      ),
    );
    expect(probe.error).toMatchObject({ code: 'invalid_response', phase: 'handshake' });
    expect(probe.error?.message).toMatch(/does not match request id/);
  });

  it('reports a JSON-RPC error on the handshake as rpc_error with its code', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) =>
        sendJson(res, 200, {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32603, message: 'database down' },
        }),
      ),
    );
    expect(probe.error).toMatchObject({ code: 'rpc_error', phase: 'handshake', rpcCode: -32603 });
    expect(probe.error?.message).toContain('database down');
  });

  it('reports a JSON-RPC error on tools/list as rpc_error in the tools_list phase', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover') return refuseModern(res, message.id);
        if (message.method === 'initialize') {
          return result(res, message.id, {
            protocolVersion: '2025-06-18',
            capabilities: { tools: {} },
            serverInfo: { name: 'x', version: '1' },
          });
        }
        if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
        sendJson(res, 200, {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32602, message: 'bad params' },
        });
      }),
    );
    expect(probe.error).toMatchObject({ code: 'rpc_error', phase: 'tools_list', rpcCode: -32602 });
    expect(probe).toMatchObject({ era: 'legacy', protocolVersion: '2025-06-18', serverInfo: { name: 'x' } });
  });

  it('follows at most three redirects', async () => {
    const probe = await probeOf(
      await startRawServer((req, res) => {
        const hop = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('hop') ?? 0);
        res.writeHead(307, { location: `/mcp?hop=${hop + 1}` }).end();
      }),
    );
    expect(probe.error).toMatchObject({ code: 'http_error', httpStatus: 307 });
    expect(probe.error?.message).toMatch(/more than 3 redirects/);
  });
});
