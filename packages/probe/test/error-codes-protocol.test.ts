import type { RawServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INIT_RESULT,
  legacyServer,
  refuseModern,
  result,
  SAMPLE_TOOL,
  startRpcServer,
} from './support/rpc-server.js';
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

describe('protocol violations', () => {
  it('reports an initialize result without serverInfo', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover') return refuseModern(res, message.id);
        result(res, message.id, { protocolVersion: '2025-03-26', capabilities: {} });
      }),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'handshake' });
    expect(probe.error?.message).toMatch(/serverInfo/);
  });

  it('reports a server/discover result without supportedVersions', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover')
          return result(res, message.id, { capabilities: { tools: {} } });
        result(res, message.id, {});
      }),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'handshake' });
    expect(probe.error?.message).toMatch(/supportedVersions/);
  });

  it('reports tools that is not an array', async () => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) => result(res, message.id, { tools: {} })),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
  });

  it('reports a tool without inputSchema', async () => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) => result(res, message.id, { tools: [{ name: 'x' }] })),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
    expect(probe.error?.message).toMatch(/inputSchema/);
  });

  it.each([
    [
      'a description that is an object',
      { ...SAMPLE_TOOL, name: 'search', description: { text: 'x' } },
      /tool "search": description is an object, not a string/,
    ],
    [
      'a name that is not a string',
      { ...SAMPLE_TOOL, name: 42 },
      /tools\[1\] has a name that is a number, not a string/,
    ],
    [
      'an inputSchema that is an array',
      { ...SAMPLE_TOOL, name: 'list', inputSchema: [] },
      /tool "list" has no inputSchema object/,
    ],
    [
      'an inputSchema whose type is not object',
      { ...SAMPLE_TOOL, name: 'str', inputSchema: { type: 'string' } },
      /tool "str": inputSchema.type is "string", not "object"/,
    ],
    [
      'an inputSchema without a type',
      { ...SAMPLE_TOOL, name: 'untyped', inputSchema: { properties: {} } },
      /tool "untyped": inputSchema.type is missing, not "object"/,
    ],
    [
      'an outputSchema that is a string',
      { ...SAMPLE_TOOL, name: 'out', outputSchema: 'object' },
      /tool "out": outputSchema is a string, not an object/,
    ],
    [
      'annotations that are an array',
      { ...SAMPLE_TOOL, name: 'ann', annotations: [] },
      /tool "ann": annotations is an array, not an object/,
    ],
    [
      'icons that are not objects',
      { ...SAMPLE_TOOL, name: 'ico', icons: ['x.png'] },
      /tool "ico": icons is an array, not an array of objects/,
    ],
    [
      'a title that is a number',
      { ...SAMPLE_TOOL, name: 'ttl', title: 7 },
      /tool "ttl": title is a number, not a string/,
    ],
    [
      'a _meta that is a string',
      { ...SAMPLE_TOOL, name: 'meta', _meta: 'm' },
      /tool "meta": _meta is a string, not an object/,
    ],
    ['an entry that is not an object', 'echo', /tools\[1\] is a string, not a tool object/],
  ])('reports a tool with %s as a protocol_violation naming it', async (_label, bad, message) => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) => result(res, message.id, { tools: [SAMPLE_TOOL, bad] })),
    );
    expect(probe).toMatchObject({ status: 'down', schemaHash: null });
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
    expect(probe.error?.message).toMatch(message);
  });

  it('accepts a tool with every optional member of the MCP Tool, and null for those left out', async () => {
    const full = {
      name: 'full',
      title: 'Full',
      description: null,
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      outputSchema: { type: 'object' },
      annotations: { readOnlyHint: true },
      icons: [{ src: 'https://example.com/i.png' }],
      _meta: { v: 1 },
    };
    const probe = await probeOf(
      await legacyServer((message, _req, res) => result(res, message.id, { tools: [full] })),
    );
    expect(probe).toMatchObject({ status: 'up', toolCount: 1 });
  });

  it('reports an empty tool list as no_tools, down', async () => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) => result(res, message.id, { tools: [] })),
    );
    expect(probe).toMatchObject({ status: 'down', toolCount: 0, httpAlive: true, era: 'legacy' });
    expect(probe.error).toMatchObject({ code: 'no_tools', phase: 'tools_list' });
  });

  it('reports a cursor seen twice as a protocol_violation', async () => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) =>
        result(res, message.id, {
          tools: [{ ...SAMPLE_TOOL, name: `t${String(message.params?.cursor)}` }],
          nextCursor: 'again',
        }),
      ),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
    expect(probe.error?.message).toMatch(/cursor loop/);
  });

  it('stops after 100 pages', async () => {
    let pages = 0;
    const target = await legacyServer((message, _req, res) => {
      pages++;
      result(res, message.id, { tools: [{ ...SAMPLE_TOOL, name: `t${pages}` }], nextCursor: `c${pages}` });
    });
    server = target;
    // A hundred round trips: a deadline a busy machine cannot reach before the page limit does.
    const { result: probe } = await runProbe({
      url: `${target.url}/mcp`,
      allowPrivateAddresses: true,
      timeoutMs: 30_000,
    });
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
    expect(probe.error?.message).toMatch(/more than 100 pages/);
    expect(pages).toBe(100);
  });

  it('follows nextCursor across pages and counts every tool', async () => {
    const probe = await probeOf(
      await legacyServer((message, _req, res) => {
        const page = Number(message.params?.cursor ?? 0);
        const tools = [0, 1].map((i) => ({ ...SAMPLE_TOOL, name: `tool-${page}-${i}` }));
        result(res, message.id, page < 2 ? { tools, nextCursor: String(page + 1) } : { tools });
      }),
    );
    expect(probe).toMatchObject({ status: 'up', toolCount: 6, error: null });
  });

  it('reports a session the server issued and then rejected as session_error', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover') {
          return void res.writeHead(400, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              jsonrpc: '2.0',
              id: null,
              error: { code: -32000, message: 'Bad Request: No valid session ID' },
            }),
          );
        }
        if (message.method === 'initialize')
          return result(res, message.id, INIT_RESULT, { 'mcp-session-id': 'abc' });
        if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32001, message: 'Session not found' },
          }),
        );
      }),
    );
    expect(probe.error).toMatchObject({ code: 'session_error', phase: 'tools_list', httpStatus: 404 });
    expect(probe.httpAlive).toBe(true);
  });

  it('answers a modern result type other than complete with protocol_violation', async () => {
    const probe = await probeOf(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover') {
          return result(res, message.id, {
            resultType: 'complete',
            supportedVersions: ['2026-07-28'],
            capabilities: { tools: {} },
          });
        }
        if (message.method === 'tools/list')
          return result(res, message.id, { resultType: 'input_required', tools: [] });
        result(res, message.id, {});
      }),
    );
    expect(probe.error).toMatchObject({ code: 'protocol_violation', phase: 'tools_list' });
  });
});
