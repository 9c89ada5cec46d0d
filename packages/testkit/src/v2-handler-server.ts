import { createMcpHandler } from '@modelcontextprotocol/server';
import { pathOf, sendRpcError, startFixtureHttp } from './fixture-http.js';
import { DEFAULT_TOOLS, type FixtureOptions, type FixtureServer } from './fixture-server.js';
import { toWebRequest, writeWebResponse } from './node-fetch-adapter.js';
import { buildV2Server } from './register-tools.js';

/**
 * Serves a v2 `createMcpHandler` on `/mcp`. The factory runs once per HTTP request, so
 * each request sees the tool list current at that moment.
 */
export async function startV2Handler(
  opts: FixtureOptions,
  legacy: 'reject' | 'stateless',
  defaultName: string,
): Promise<FixtureServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  const name = opts.name ?? defaultName;
  const version = opts.version ?? '1.0.0';
  const handler = createMcpHandler(() => buildV2Server(name, version, tools), { legacy });

  const http = await startFixtureHttp(
    async (req, res, origin) => {
      if (pathOf(req) !== '/mcp') return sendRpcError(res, 404, -32000, 'Not found');
      const response = await handler.fetch(toWebRequest(req, res, origin));
      await writeWebResponse(response, res);
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
    close: () => http.close(() => handler.close()),
  };
}
