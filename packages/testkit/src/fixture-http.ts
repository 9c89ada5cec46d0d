import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RecordedRequest } from './fixture-server.js';
import { listenOnLoopback, trackSockets } from './http-server.js';

/** `origin` is this server's own `http://127.0.0.1:PORT`, for building absolute URLs. */
export type AsyncRequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
) => Promise<void>;

export interface FixtureHttp {
  origin: string;
  requests: RecordedRequest[];
  /** Destroys open sockets; `cleanup` runs first so SDK transports release their timers. */
  close(cleanup?: () => Promise<void>): Promise<void>;
}

/**
 * The HTTP shell shared by the SDK fixtures: request log, optional bearer gate and a
 * last-resort 500 so a handler bug shows up as a status rather than a hung request.
 */
export async function startFixtureHttp(
  handle: AsyncRequestHandler,
  requireAuth: string | undefined,
  port = 0,
): Promise<FixtureHttp> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers } });
    if (requireAuth !== undefined && req.headers.authorization !== requireAuth) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Bearer realm="fixture"',
        'Content-Type': 'application/json',
      });
      res.end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    handle(req, res, origin).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  });
  const destroyAll = trackSockets(server);
  const origin = `http://127.0.0.1:${await listenOnLoopback(server, port)}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    requests,
    close(cleanup) {
      closing ??= (async () => {
        await cleanup?.().catch(() => undefined);
        await destroyAll();
      })();
      return closing;
    },
  };
}

/** Writes a JSON-RPC error body the way the SDK transports do (`id: null`). */
export function sendRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://fixture').pathname;
}
