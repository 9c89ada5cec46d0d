import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  createMcpHandler,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  McpServer,
} from '@modelcontextprotocol/server';
import { z } from 'zod';

export interface DemoMcpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:PORT/mcp`. */
  url: string;
  close(): Promise<void>;
}

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** A few harmless tools, so the demo monitor has a tool list (and a schema hash) to watch. */
function buildDemoServer(): McpServer {
  const server = new McpServer({ name: 'mcpulse-demo', version: '1.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Echoes the message back',
      inputSchema: z.object({ message: z.string().max(1_000).describe('Text to echo') }),
      annotations: { readOnlyHint: true },
    },
    ({ message }) => text(message),
  );
  server.registerTool(
    'add',
    {
      description: 'Adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      annotations: { readOnlyHint: true, idempotentHint: true },
    },
    ({ a, b }) => text(String(a + b)),
  );
  server.registerTool(
    'current_time',
    { description: 'The current time on this machine, in ISO 8601', annotations: { readOnlyHint: true } },
    () => text(new Date().toISOString()),
  );
  return server;
}

function toWebRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

/** Streams the answer as it is produced: a 2025-era answer may come as server-sent events. */
async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/**
 * The `--demo` MCP server: the official v2 SDK on loopback, answering both
 * protocol eras (2026-07-28 per request, 2025 statelessly) on `/mcp`. It
 * accepts only loopback host names, so a web page cannot reach it through DNS
 * rebinding.
 */
export async function startDemoMcpServer(): Promise<DemoMcpServer> {
  const handler = createMcpHandler(buildDemoServer, { legacy: 'stateless' });
  const allowedHosts = localhostAllowedHostnames();
  let origin = '';
  const server = createServer((req, res) => {
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const answer = async () => {
      if (new URL(req.url ?? '/', origin).pathname !== '/mcp') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const request = toWebRequest(req, origin, aborted.signal);
      await writeWebResponse(
        hostHeaderValidationResponse(request, allowedHosts) ?? (await handler.fetch(request)),
        res,
      );
    };
    answer().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/mcp`,
    async close() {
      await handler.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
