import type { ServerResponse } from 'node:http';
import { Server } from 'mcp-sdk-2024/server/index.js';
import { SSEServerTransport } from 'mcp-sdk-2024/server/sse.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from 'mcp-sdk-2024/types.js';
import { z } from 'zod';
import { pathOf, startFixtureHttp } from './fixture-http.js';
import {
  DEFAULT_TOOLS,
  echoResult,
  type FixtureOptions,
  type FixtureServer,
  type FixtureTool,
} from './fixture-server.js';

/**
 * A server from before the 2025 revisions: `@modelcontextprotocol/sdk` 1.0.4, which knows only
 * 2024-11-05 and answers any newer `initialize` offer with it, over the HTTP+SSE transport
 * (`GET /sse`, `POST /messages?sessionId=…`), routed like the express apps of its day: any
 * other request gets express's `Cannot METHOD /path` HTML 404.
 */
export async function startSdk2024Sse(opts: FixtureOptions = {}): Promise<FixtureServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  const name = opts.name ?? 'fixture-sdk-2024-sse';
  const version = opts.version ?? '1.0.0';
  const sessions = new Map<string, SSEServerTransport>();

  const http = await startFixtureHttp(
    async (req, res) => {
      const path = pathOf(req);
      if (path === '/sse' && req.method === 'GET') {
        const server = buildServer(name, version, tools);
        const transport = new SSEServerTransport('/messages', res);
        sessions.set(transport.sessionId, transport);
        transport.onclose = () => sessions.delete(transport.sessionId);
        res.once('close', () => void server.close());
        await server.connect(transport);
        return;
      }
      const sessionId = new URL(req.url ?? '/', 'http://fixture').searchParams.get('sessionId') ?? '';
      const transport = path === '/messages' && req.method === 'POST' ? sessions.get(sessionId) : undefined;
      if (transport !== undefined) return transport.handlePostMessage(req, res);
      if (path === '/messages' && req.method === 'POST') {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Unknown session');
        return;
      }
      cannotRoute(res, req.method ?? 'GET', path);
    },
    opts.requireAuth,
    opts.port,
  );

  return {
    url: `${http.origin}/sse`,
    requests: http.requests,
    setTools(next) {
      tools = next;
    },
    close: () =>
      http.close(async () => {
        await Promise.all([...sessions.values()].map((transport) => transport.close()));
      }),
  };
}

function buildServer(name: string, version: string, tools: FixtureTool[]): Server {
  const server = new Server({ name, version }, { capabilities: { tools: {} } });
  const listed = tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(z.object(tool.input)) as { type: 'object' },
  }));
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => echoResult(request.params.arguments));
  return server;
}

/** What express answers for a route nobody registered. */
function cannotRoute(res: ServerResponse, method: string, path: string): void {
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`,
  );
}
