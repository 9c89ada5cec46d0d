import { createServer, type Server } from 'node:http';

export interface HealthServer {
  close(): Promise<void>;
}

/** /healthz: the process is alive; /readyz: it is taking work (503 while draining or cut off). */
export function startHealthServer(port: number, ready: () => Promise<boolean>): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      ready().then(
        (ok) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ready' : 'unavailable' })),
        () => res.writeHead(503).end('{"status":"unavailable"}'),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      resolve({
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
