import { request } from 'node:http';
import { runProbe } from '@mcpulse/probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../src/embedded/demo-mcp-server.js';

let server: DemoMcpServer;
beforeAll(async () => {
  server = await startDemoMcpServer();
});
afterAll(async () => {
  await server?.close();
});

/** A 2025-era JSON-RPC POST, as a v1 client sends it; the answer may be JSON or one server-sent event. */
async function legacyCall(method: string, params: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const text = await response.text();
  const data = response.headers.get('content-type')?.startsWith('text/event-stream')
    ? text
        .split('\n')
        .find((line) => line.startsWith('data:'))
        ?.slice(5)
    : text;
  return { status: response.status, body: data ? JSON.parse(data) : null };
}

describe('the --demo MCP server', () => {
  it('passes a real check in the modern era, with its tools', async () => {
    const report = await runProbe({
      url: server.url,
      allowPrivateAddresses: true,
      degradedThresholdMs: 30_000,
    });
    expect(report.result).toMatchObject({
      status: 'up',
      era: 'modern',
      serverInfo: { name: 'mcpulse-demo', version: '1.0.0' },
      toolCount: 3,
    });
    expect(report.tools?.map((tool) => tool.name)).toEqual(['echo', 'add', 'current_time']);
  });

  it('answers 2025-era clients statelessly, tools included', async () => {
    const initialize = await legacyCall('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'legacy-test', version: '0.0.0' },
    });
    expect(initialize.status).toBe(200);
    expect(initialize.body.result.serverInfo).toMatchObject({ name: 'mcpulse-demo' });
    const tools = await legacyCall('tools/list', {});
    expect(tools.status).toBe(200);
    expect(tools.body.result.tools.map((tool: { name: string }) => tool.name)).toEqual([
      'echo',
      'add',
      'current_time',
    ]);
    const sum = await legacyCall('tools/call', { name: 'add', arguments: { a: 2, b: 3 } });
    expect(sum.body.result.content).toEqual([{ type: 'text', text: '5' }]);
  });

  it('refuses a foreign Host header (DNS rebinding) and unknown paths', async () => {
    // fetch cannot set Host; a page that rebound evil.example to 127.0.0.1 sends exactly this.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(server.url, {
        method: 'POST',
        headers: {
          host: 'evil.example',
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
    });
    expect(status).toBe(403);
    expect((await fetch(new URL('/other', server.url))).status).toBe(404);
  });
});
