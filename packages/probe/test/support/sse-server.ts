import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RawServer, startRawServer } from '@mcpulse/testkit';
import { INIT_RESULT, type RpcMessage, SAMPLE_TOOL } from './rpc-server.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The JSON-RPC message of a POST, when it was one. */
  message: RpcMessage | undefined;
}

export interface SseServerBehaviour {
  /** Answers a POST to the SSE URL itself: the Streamable HTTP attempts. */
  onPost(message: RpcMessage, res: ServerResponse): void;
  /** What `initialize` over the session answers; the result (`INIT_RESULT` by default) or `{ error }`. */
  initialize?(params: RpcMessage['params']): { result: unknown } | { error: unknown };
  /** When false, a GET is refused with 405 as a Streamable HTTP server would: no SSE stream here. */
  servesStream?: boolean;
}

export interface SseServer extends RawServer {
  /** The URL a user would give: the SSE stream's `GET /sse`. */
  sseUrl: string;
  requests: SeenRequest[];
}

/**
 * A hand-written HTTP+SSE server: `GET /sse` opens a stream announcing `/messages`, whose POSTs
 * are answered `202` with the JSON-RPC answer on the stream; the test decides what a POST to
 * `/sse` gets and what `initialize` negotiates.
 */
export async function startSseServer(behaviour: SseServerBehaviour): Promise<SseServer> {
  const requests: SeenRequest[] = [];
  const streams = new Set<ServerResponse>();
  const server = await startRawServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const message = text === '' ? undefined : (JSON.parse(text) as RpcMessage);
      requests.push({ method: req.method ?? '', path, headers: req.headers, message });
      if (req.method === 'GET' && path === '/sse') {
        if (behaviour.servesStream === false) return void res.writeHead(405, { allow: 'POST' }).end();
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('event: endpoint\ndata: /messages\n\n');
        streams.add(res);
        res.once('close', () => streams.delete(res));
        return;
      }
      if (req.method === 'POST' && path === '/sse' && message) return behaviour.onPost(message, res);
      if (req.method !== 'POST' || path !== '/messages' || !message) return void res.writeHead(404).end();
      res.writeHead(202).end('Accepted');
      if (message.id === undefined) return;
      const answer =
        message.method === 'initialize'
          ? (behaviour.initialize?.(message.params) ?? { result: INIT_RESULT })
          : { result: { tools: [SAMPLE_TOOL] } };
      const event = JSON.stringify({ jsonrpc: '2.0', id: message.id, ...answer });
      for (const stream of streams) stream.write(`event: message\ndata: ${event}\n\n`);
    });
  });
  return { ...server, sseUrl: `${server.url}/sse`, requests };
}

/** The answer `@playwright/mcp` gives a POST to its `/sse` URL. */
export function missingSessionId(res: ServerResponse): void {
  res.writeHead(400).end('Missing sessionId');
}
