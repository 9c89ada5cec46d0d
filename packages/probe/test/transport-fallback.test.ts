import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { INIT_RESULT, type RpcMessage, result, SAMPLE_TOOL, sendJson } from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';
import {
  missingSessionId,
  type SseServer,
  type SseServerBehaviour,
  startSseServer,
} from './support/sse-server.js';

let server: SseServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function probeOf(behaviour: SseServerBehaviour, transport?: 'auto' | 'streamable-http') {
  server = await startSseServer(behaviour);
  const options = { url: server.sseUrl, allowPrivateAddresses: true, timeoutMs: 3_000 };
  return (await runProbe(transport ? { ...options, transport } : options)).result;
}

function rpcError(res: ServerResponse, status: number, id: RpcMessage['id'], code: number, message: string) {
  sendJson(res, status, { jsonrpc: '2.0', id: id ?? null, error: { code, message } });
}

const gets = () => (server?.requests ?? []).filter((request) => request.method === 'GET');
const sessionPosts = () => (server?.requests ?? []).filter((request) => request.path === '/messages');

describe('falling back to HTTP+SSE, as the spec says, on 400, 404 or 405 without a JSON-RPC error', () => {
  it('falls back when the POST answers 400 in plain text, as @playwright/mcp does', async () => {
    const probe = await probeOf({ onPost: (_message, res) => missingSessionId(res) });
    expect(probe).toMatchObject({
      status: 'up',
      error: null,
      transport: 'sse',
      era: 'legacy',
      protocolVersion: '2025-11-25',
      toolCount: 1,
    });
  });

  it('falls back when a 400 has a JSON body that is not a JSON-RPC error', async () => {
    const probe = await probeOf({
      onPost: (_message, res) => sendJson(res, 400, { error: 'Missing sessionId' }),
    });
    expect(probe).toMatchObject({ status: 'up', transport: 'sse' });
  });

  it('does not fall back when the 400 carries a JSON-RPC error: a Streamable HTTP server refused', async () => {
    const probe = await probeOf({
      onPost: (message, res) => rpcError(res, 400, message.id, -32600, 'Bad Request: unsupported client'),
    });
    expect(probe).toMatchObject({
      status: 'down',
      transport: 'streamable-http',
      error: { code: 'rpc_error', httpStatus: 400, rpcCode: -32600, phase: 'handshake' },
    });
    expect(gets()).toEqual([]);
  });

  it('keeps the Streamable HTTP error when the URL then serves no SSE stream', async () => {
    const probe = await probeOf({ onPost: (_message, res) => missingSessionId(res), servesStream: false });
    expect(probe).toMatchObject({
      status: 'down',
      transport: 'streamable-http',
      error: { code: 'http_error', httpStatus: 400, phase: 'handshake' },
    });
    expect(probe.error?.message).toContain('Missing sessionId');
    expect(gets()).toHaveLength(1);
  });

  it('reports the HTTP+SSE error once the URL serves an SSE stream', async () => {
    const probe = await probeOf({
      onPost: (_message, res) => missingSessionId(res),
      initialize: () => ({ error: { code: -32602, message: 'Unsupported protocol version' } }),
    });
    expect(probe).toMatchObject({
      status: 'down',
      transport: 'sse',
      error: { code: 'rpc_error', rpcCode: -32602, phase: 'handshake' },
    });
  });

  it('does not try HTTP+SSE when the monitor is pinned to Streamable HTTP', async () => {
    const probe = await probeOf({ onPost: (_message, res) => missingSessionId(res) }, 'streamable-http');
    expect(probe).toMatchObject({ status: 'down', error: { code: 'http_error', httpStatus: 400 } });
    expect(gets()).toEqual([]);
  });
});

describe('versions over HTTP+SSE', () => {
  it('offers 2025-11-25 and reports an older legacy version the server chose instead', async () => {
    const probe = await probeOf({
      onPost: (_message, res) => missingSessionId(res),
      initialize: () => ({ result: { ...INIT_RESULT, protocolVersion: '2025-06-18' } }),
    });
    expect(probe).toMatchObject({ status: 'up', transport: 'sse', protocolVersion: '2025-06-18' });
    const [initialize, ...later] = sessionPosts();
    expect(initialize?.message).toMatchObject({
      method: 'initialize',
      params: { protocolVersion: '2025-11-25' },
    });
    expect(initialize?.headers['mcp-protocol-version']).toBeUndefined();
    expect(later.map((post) => post.message?.method)).toEqual(['notifications/initialized', 'tools/list']);
    for (const post of later) expect(post.headers['mcp-protocol-version']).toBe('2025-06-18');
  });

  it('refuses a version no legacy revision defines', async () => {
    const probe = await probeOf({
      onPost: (_message, res) => missingSessionId(res),
      initialize: () => ({ result: { ...INIT_RESULT, protocolVersion: '2026-07-28' } }),
    });
    expect(probe).toMatchObject({
      status: 'down',
      transport: 'sse',
      error: { code: 'protocol_violation', phase: 'handshake' },
    });
  });
});

describe('era negotiation over Streamable HTTP, which sees 400s too', () => {
  /** A 2025-era Streamable HTTP server at the SSE URL, refusing `server/discover` with a 400 JSON-RPC error. */
  function legacyStreamable(message: RpcMessage, res: ServerResponse) {
    if (message.method === 'server/discover')
      return rpcError(res, 400, message.id, -32601, 'Method not found');
    if (message.method === 'initialize') return result(res, message.id, INIT_RESULT);
    if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
    result(res, message.id, { tools: [SAMPLE_TOOL] });
  }

  it('probes a 2025-era server that refuses server/discover with a 400 over Streamable HTTP', async () => {
    const probe = await probeOf({ onPost: legacyStreamable });
    expect(probe).toMatchObject({
      status: 'up',
      transport: 'streamable-http',
      era: 'legacy',
      protocolVersion: '2025-11-25',
    });
    expect(gets()).toEqual([]);
  });

  it("reports a modern server's own failure when it refuses initialize with a 400 JSON-RPC error", async () => {
    const probe = await probeOf({
      onPost: (message, res) => {
        if (message.method === 'server/discover') {
          return result(res, message.id, { resultType: 'incomplete', supportedVersions: ['2026-07-28'] });
        }
        rpcError(res, 400, message.id, -32022, 'Unsupported protocol version');
      },
    });
    expect(probe).toMatchObject({
      status: 'down',
      transport: 'streamable-http',
      error: { code: 'protocol_violation', phase: 'handshake' },
    });
    expect(gets()).toEqual([]);
  });
});
