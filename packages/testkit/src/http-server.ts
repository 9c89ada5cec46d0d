import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RawServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (an ephemeral port unless one is given) and resolves with the port. */
export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Returns a close function that also destroys every open socket: `server.close()` alone
 * waits for keep-alive connections and open SSE streams, so it could hang a test run.
 */
export function trackSockets(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
}

/** A bare node:http server on loopback, for hand-made (misbehaving) fixtures. */
export async function startRawServer(handler: RequestHandler): Promise<RawServer> {
  const server = createServer(handler);
  const closeAll = trackSockets(server);
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, port, server, close: closeAll };
}
