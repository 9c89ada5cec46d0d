import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { pathOf, sendRpcError, startFixtureHttp } from './fixture-http.js';
import { DEFAULT_TOOLS, type FixtureOptions, type FixtureServer } from './fixture-server.js';
import type { TestOAuthServer } from './oauth-server.js';
import { buildV1Server } from './register-tools.js';

export interface ProtectedMcpOptions extends Omit<FixtureOptions, 'requireAuth'> {
  authServer: TestOAuthServer;
  /**
   * Where the protected resource metadata (RFC 9728) is served: the path-based well-known URL
   * (default), only the root one, only at `/resource-metadata.json` (named by the challenge's
   * `resource_metadata`), or nowhere.
   */
  metadataAt?: 'path' | 'root' | 'challenge' | 'none';
  /** The metadata's `resource` (or a function of the server's origin); the server's own URL by default. */
  resource?: string | ((origin: string) => string);
  /** The metadata's `authorization_servers`; the test server's issuer by default. */
  authorizationServers?: string[];
  /** Scopes a token must hold (a 403 `insufficient_scope` otherwise); changeable with `requireScopes`. */
  requiredScopes?: string[];
}

export interface ProtectedMcpServer extends FixtureServer {
  resourceMetadataUrl: string;
  requireScopes(scopes: string[]): void;
}

/**
 * The Express-style response the SDK's middleware writes through, on a plain node response:
 * the testkit runs its fixtures on node:http and keeps Express out of its dependencies.
 */
function expressLike(res: ServerResponse) {
  const shaped = Object.assign(res, {
    set(name: string, value: string) {
      res.setHeader(name, value);
      return shaped;
    },
    status(code: number) {
      res.statusCode = code;
      return shaped;
    },
    json(body: unknown) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
      return shaped;
    },
  });
  return shaped;
}

/**
 * A v1 SDK MCP server (stateless Streamable HTTP at `/mcp`) behind the SDK's
 * `requireBearerAuth`, checking tokens of a test authorization server, with its protected
 * resource metadata where `metadataAt` says: the MCP authorization spec's resource server.
 */
export async function startProtectedMcp(opts: ProtectedMcpOptions): Promise<ProtectedMcpServer> {
  let tools = opts.tools ?? DEFAULT_TOOLS;
  let requiredScopes = opts.requiredScopes ?? [];
  const name = opts.name ?? 'fixture-protected';
  const version = opts.version ?? '1.0.0';
  const metadataAt = opts.metadataAt ?? 'path';
  let origin = '';
  const documentPath = () => {
    if (metadataAt === 'root') return '/.well-known/oauth-protected-resource';
    if (metadataAt === 'challenge') return '/resource-metadata.json';
    return '/.well-known/oauth-protected-resource/mcp';
  };

  const serveMcp = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendRpcError(res, 405, -32000, 'Method not allowed.');
    const server = buildV1Server(name, version, tools);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.once('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const http = await startFixtureHttp(
    async (req, res) => {
      const path = pathOf(req);
      if (req.method === 'GET' && metadataAt !== 'none' && path === documentPath()) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            resource:
              typeof opts.resource === 'function'
                ? opts.resource(origin)
                : (opts.resource ?? `${origin}/mcp`),
            authorization_servers: opts.authorizationServers ?? [opts.authServer.issuer],
            scopes_supported: ['mcp', 'admin'],
            bearer_methods_supported: ['header'],
          }),
        );
        return;
      }
      if (path !== '/mcp') return sendRpcError(res, 404, -32000, 'Not found');
      const gate = requireBearerAuth({
        verifier: opts.authServer.verifier,
        requiredScopes,
        ...(metadataAt === 'challenge' ? { resourceMetadataUrl: `${origin}${documentPath()}` } : {}),
      });
      let passed = false;
      await gate(req as never, expressLike(res) as never, () => {
        passed = true;
      });
      if (passed) await serveMcp(req, res);
    },
    undefined,
    opts.port,
  );
  origin = http.origin;

  return {
    url: `${origin}/mcp`,
    resourceMetadataUrl: `${origin}${documentPath()}`,
    requests: http.requests,
    setTools(next) {
      tools = next;
    },
    requireScopes(scopes) {
      requiredScopes = scopes;
    },
    close: () => http.close(),
  };
}
