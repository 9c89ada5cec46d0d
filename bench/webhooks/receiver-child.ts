import { createServer } from 'node:http';
import { listenOnLoopback, serveUntilParentLeaves } from '../probe/fixture/child-lifecycle.js';

/**
 * Webhook receivers in a process of their own, so their CPU is not the
 * sender's: K servers on loopback that answer 204 at once and note when each
 * request arrived (epoch milliseconds, sub-millisecond precision) and where.
 */
const count = Number(process.argv[2] ?? '4');
let arrivals: Array<[path: string, at: number]> = [];

const ports: number[] = [];
for (let i = 0; i < count; i++) {
  const server = createServer((req, res) => {
    const at = performance.timeOrigin + performance.now();
    req.resume();
    req.on('end', () => {
      arrivals.push([req.url ?? '', at]);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  ports.push(await listenOnLoopback(server, 4096));
}

serveUntilParentLeaves(ports, (message) => {
  if (message === 'arrivals') process.send?.({ type: 'arrivals', arrivals });
  if (message === 'reset') {
    arrivals = [];
    process.send?.({ type: 'reset' });
  }
});
