import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { pathOf, sendRpcError, startFixtureHttp } from './fixture-http.js';
import { DEFAULT_TOOLS, type FixtureOptions, type FixtureServer } from './fixture-server.js';
import { buildV1Server } from './register-tools.js';

/**
 * v1 SDK, the 2024-11-05 HTTP+SSE transport: `GET /sse` opens a session stream whose
 * `endpoint` event points at `POST /messages?sessionId=…`; answers arrive on the stream.
 */
export async function startV1LegacySse(opts: FixtureOptions = {}): Promise<FixtureServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  const name = opts.name ?? 'fixture-v1-legacy-sse';
  const version = opts.version ?? '1.0.0';
  const sessions = new Map<string, SSEServerTransport>();

  const http = await startFixtureHttp(
    async (req, res) => {
      const path = pathOf(req);
      if (path === '/sse' && req.method === 'GET') {
        const server = buildV1Server(name, version, tools);
        const transport = new SSEServerTransport('/messages', res);
        sessions.set(transport.sessionId, transport);
        transport.onclose = () => sessions.delete(transport.sessionId);
        res.once('close', () => void server.close());
        await server.connect(transport);
        return;
      }
      if (path === '/messages' && req.method === 'POST') {
        const sessionId = new URL(req.url ?? '/', 'http://fixture').searchParams.get('sessionId') ?? '';
        const transport = sessions.get(sessionId);
        if (transport === undefined) return sendRpcError(res, 404, -32001, 'Session not found');
        await transport.handlePostMessage(req, res);
        return;
      }
      // A Streamable HTTP POST must fail with 404/405 so "auto" clients fall back to SSE.
      if (path === '/sse') {
        res.setHeader('Allow', 'GET');
        return sendRpcError(res, 405, -32000, 'Method not allowed.');
      }
      sendRpcError(res, 404, -32000, 'Not found');
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
