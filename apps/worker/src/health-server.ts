import { createServer, type Server } from 'node:http';

export interface HealthServer {
  close(): Promise<void>;
}

/** The health port cannot be listened on: the usual cause is a second worker on the same machine. */
export class HealthPortUnavailable extends Error {
  constructor(port: number, code: string) {
    super(
      code === 'EADDRINUSE'
        ? `MCPULSE_HEALTH_PORT: port ${port} is already in use (another worker on this machine?); give each worker process its own MCPULSE_HEALTH_PORT`
        : `MCPULSE_HEALTH_PORT: port ${port} cannot be listened on (${code}); choose a port this user may open, e.g. above 1023`,
    );
    this.name = 'HealthPortUnavailable';
  }
}

export interface HealthServerOptions {
  port: number;
  /** Whether the process takes work; false while starting, draining or cut off. */
  ready: () => Promise<boolean>;
  /** Fields added to both answers, e.g. the role and whether it leads. */
  describe: () => Record<string, unknown>;
  /** `/metrics`: the process's metrics in the Prometheus text format. */
  metrics: { contentType: string; render(): Promise<string> };
}

/**
 * /healthz: the process is alive; /readyz: it is taking work (503 while starting, draining or cut
 * off); /metrics: its operational metrics for Prometheus.
 */
export function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const answer = (status: string) => JSON.stringify({ status, ...options.describe() });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer('ok'));
      return;
    }
    if (path === '/readyz') {
      options.ready().then(
        (ok) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(answer(ok ? 'ready' : 'unavailable')),
        () => res.writeHead(503, { 'content-type': 'application/json' }).end(answer('unavailable')),
      );
      return;
    }
    if (path === '/metrics') {
      options.metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': options.metrics.contentType }).end(text),
        () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      reject(['EADDRINUSE', 'EACCES'].includes(code) ? new HealthPortUnavailable(options.port, code) : error);
    });
    server.listen(options.port, '0.0.0.0', () => {
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
