import type { ServerResponse } from 'node:http';
import type { RawServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INIT_RESULT,
  type RpcMessage,
  refuseModern,
  result,
  SAMPLE_TOOL,
  sendJson,
  startRpcServer,
} from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A legacy server whose `tools/call` the test answers itself. */
async function canaryServer(onCall: (message: RpcMessage, res: ServerResponse) => void) {
  server = await startRpcServer((message, _req, res) => {
    if (message.method === 'server/discover') return refuseModern(res, message.id);
    if (message.method === 'initialize') return result(res, message.id, INIT_RESULT);
    if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
    if (message.method === 'tools/list') return result(res, message.id, { tools: [SAMPLE_TOOL] });
    onCall(message, res);
  });
  return server.url;
}

const probe = (url: string, options: { maxBodyBytes?: number } = {}) =>
  runProbe({ url, allowPrivateAddresses: true, canary: { tool: 'echo', arguments: {} }, ...options });

describe('a tool call the server answers badly', () => {
  it('stops reading progress notifications that never end at the body limit', async () => {
    const url = await canaryServer((_message, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const note = JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: {
          progressToken: 'mcpulse-canary',
          progress: 1,
          message: 'x'.repeat(900),
        },
      });
      const flood = () => {
        while (res.write(`event: message\ndata: ${note}\n\n`)) {
          if (res.writableLength > 1_000_000) break;
        }
      };
      res.on('drain', flood);
      flood();
    });
    const { result: probed } = await probe(url, { maxBodyBytes: 64 * 1024 });
    expect(probed.error).toMatchObject({ code: 'response_too_large', phase: 'tool_call' });
    expect(probed.schemaHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a JSON-RPC error as rpc_error in tool_call', async () => {
    const url = await canaryServer((message, res) =>
      sendJson(res, 200, {
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32602, message: 'Unknown tool: echo' },
      }),
    );
    const { result: probed } = await probe(url);
    expect(probed.error).toMatchObject({ code: 'rpc_error', phase: 'tool_call', rpcCode: -32602 });
  });

  it('reports a result that is not a CallToolResult as a protocol violation', async () => {
    const url = await canaryServer((message, res) => result(res, message.id, { text: 'ok' }));
    const { result: probed } = await probe(url);
    expect(probed.error).toMatchObject({ code: 'protocol_violation', phase: 'tool_call' });
    expect(probed.error?.message).toContain('no content array');
  });

  it('keeps an isError excerpt short and free of the monitor secrets', async () => {
    const secret = 'Bearer sk-live-0123456789';
    const url = await canaryServer((message, res) =>
      result(res, message.id, {
        isError: true,
        content: [{ type: 'text', text: `denied for ${secret.slice(7)}: ${'y'.repeat(5_000)}\u0000` }],
      }),
    );
    const { result: probed } = await runProbe({
      url,
      allowPrivateAddresses: true,
      headers: { Authorization: secret },
      canary: { tool: 'echo', arguments: {} },
    });
    expect(probed.error?.code).toBe('tool_error');
    expect(probed.error?.message).not.toContain('sk-live');
    expect(probed.error?.message).toContain('[redacted]');
    expect(probed.error?.message.length).toBeLessThan(600);
  });
});
