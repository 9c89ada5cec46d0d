import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listenOnLoopback, type RawServer, startRawServer, trackSockets } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runProbe } from './support/run-probe.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(handler);
  cleanups.push(server.close);
  return server;
}

function probe(
  url: string,
  timeoutMs = 800,
  extra: { maxBodyBytes?: number; connectTimeoutMs?: number } = {},
) {
  return runProbe({ url, allowPrivateAddresses: true, timeoutMs, ...extra }).then((report) => report.result);
}

async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ port: number; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

describe('network and limit failures', () => {
  it('times out on a server that accepts and never answers', async () => {
    const { port } = await tcpServer(() => {});
    const result = await probe(`http://127.0.0.1:${port}/mcp`);
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'handshake' });
    expect(result.httpAlive).toBe(false);
    expect(result.timings.totalMs).toBeLessThan(800 * 1.5);
  });

  it('times out on a body that drips slower than the deadline', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const result = await probe(`${server.url}/mcp`);
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'handshake' });
    expect(result.httpAlive).toBe(true);
  });

  it('times out on an SSE stream that never delivers the response', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(
        () =>
          res.write(
            ': keep-alive\n\nevent: message\ndata: {"jsonrpc":"2.0","method":"notifications/message"}\n\n',
          ),
        20,
      );
      res.on('close', () => clearInterval(timer));
    });
    const result = await probe(`${server.url}/mcp`);
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'handshake' });
    expect(result.httpAlive).toBe(true);
  });

  it('stops reading an endless body at the size limit', async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jsonrpc":"2.0","id":1,"result":{"padding":"');
      const chunk = 'x'.repeat(16 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const result = await probe(`${server.url}/mcp`, 5_000, { maxBodyBytes: 256 * 1024 });
    expect(result.error).toMatchObject({ code: 'response_too_large', phase: 'handshake' });
    expect(result.httpAlive).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports a body over the default 4 MiB limit', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(big),
    );
    const result = await probe(`${server.url}/mcp`, 5_000);
    expect(result.error).toMatchObject({ code: 'response_too_large' });
  });

  it('reports a connection reset before any response', async () => {
    const { port } = await tcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const result = await probe(`http://127.0.0.1:${port}/mcp`);
    expect(result.error).toMatchObject({ code: 'connection_reset', phase: 'handshake' });
    expect(result.httpAlive).toBe(false);
  });

  it('reports a connection closed in the middle of a body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"jsonrpc":"2.0"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const result = await probe(`${server.url}/mcp`);
    expect(result.error).toMatchObject({ code: 'connection_reset', phase: 'handshake' });
    expect(result.httpAlive).toBe(true);
  });

  it('reports a refused port', async () => {
    const { port, server } = await tcpServer(() => {});
    await new Promise((resolve) => server.close(resolve));
    const result = await probe(`http://127.0.0.1:${port}/mcp`);
    expect(result.error).toMatchObject({ code: 'connection_refused', phase: 'connect' });
    expect(result.httpAlive).toBe(false);
  });

  it('reports a host name that does not resolve', async () => {
    const result = await probe('http://mcpulse-no-such-host.invalid/mcp', 5_000);
    expect(result.error).toMatchObject({ code: 'dns_failure', phase: 'dns' });
    expect(result.httpAlive).toBe(false);
  });

  it('reports an untrusted certificate as tls_error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcpulse-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const server = createHttpsServer(
      { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
      (_req, res) => res.end('{}'),
    );
    cleanups.push(trackSockets(server));
    const port = await listenOnLoopback(server);
    const result = await probe(`https://127.0.0.1:${port}/mcp`, 3_000);
    expect(result.error).toMatchObject({ code: 'tls_error', phase: 'tls' });
    expect(result.httpAlive).toBe(false);
    expect(result.timings.connectMs).toBeGreaterThan(0);
  });

  it('reports a TLS handshake that never finishes as connect_timeout', async () => {
    const { port } = await tcpServer(() => {});
    const result = await probe(`https://127.0.0.1:${port}/mcp`, 3_000, { connectTimeoutMs: 300 });
    expect(result.error).toMatchObject({ code: 'connect_timeout', phase: 'tls' });
    expect(result.timings.totalMs).toBeLessThan(2_000);
  });
});
