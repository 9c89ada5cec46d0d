import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { pathOf, sendRpcError, startFixtureHttp } from './fixture-http.js';
import { DEFAULT_TOOLS, type FixtureOptions, type FixtureServer } from './fixture-server.js';
import { buildV1Server } from './register-tools.js';

/**
 * v1 SDK, Streamable HTTP with sessions: one server and transport per session, built from
 * the tool list current at `initialize`, so `setTools` applies to sessions opened later.
 */
export async function startV1Sessionful(opts: FixtureOptions = {}): Promise<FixtureServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  const name = opts.name ?? 'fixture-v1-sessionful';
  const version = opts.version ?? '1.0.0';
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  async function openSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const server = buildV1Server(name, version, tools);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // Anything but a successful initialize leaves a transport nobody can address again.
    if (transport.sessionId === undefined || !sessions.has(transport.sessionId)) await server.close();
  }

  const http = await startFixtureHttp(
    async (req, res) => {
      if (pathOf(req) !== '/mcp') return sendRpcError(res, 404, -32000, 'Not found');
      const header = req.headers['mcp-session-id'];
      const sessionId = Array.isArray(header) ? header[0] : header;
      if (sessionId === undefined) {
        if (req.method === 'POST') return openSession(req, res);
        return sendRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
      }
      const transport = sessions.get(sessionId);
      // Same answer the SDK transport gives for a session id it did not issue.
      if (transport === undefined) return sendRpcError(res, 404, -32001, 'Session not found');
      await transport.handleRequest(req, res);
    },
    opts.requireAuth,
    opts.port,
  );

  return {
    url: `${http.origin}/mcp`,
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
