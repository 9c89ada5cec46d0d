import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { pathOf, sendRpcError, startFixtureHttp } from './fixture-http.js';
import { DEFAULT_TOOLS, type FixtureOptions, type FixtureServer } from './fixture-server.js';
import { buildV1Server } from './register-tools.js';

export interface V1StatelessOptions extends FixtureOptions {
  /** JSON bodies (default) or, when false, each POST answered over an SSE stream. */
  jsonResponse?: boolean;
}

/** v1 SDK, stateless Streamable HTTP: a fresh server and transport for every POST. */
export async function startV1Stateless(opts: V1StatelessOptions = {}): Promise<FixtureServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  const name = opts.name ?? 'fixture-v1-stateless';
  const version = opts.version ?? '1.0.0';
  const enableJsonResponse = opts.jsonResponse ?? true;

  const http = await startFixtureHttp(
    async (req, res) => {
      if (pathOf(req) !== '/mcp') return sendRpcError(res, 404, -32000, 'Not found');
      // Without sessions there is no stream to resume or session to end: the SDK's
      // stateless examples answer GET and DELETE this way.
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendRpcError(res, 405, -32000, 'Method not allowed.');
      }
      const server = buildV1Server(name, version, tools);
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse,
      });
      res.once('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
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
    close: () => http.close(),
  };
}
