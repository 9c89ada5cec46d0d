import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, trackSockets } from './http-server.js';

/** What a recording server saw of the checks that reached it. */
export interface CheckRecord {
  /** `User-Agent` of each check's first request. */
  userAgents: string[];
  /** The `clientInfo` each `initialize` named. */
  clientInfos: unknown[];
  /** Checks started (their first request arrived). */
  checks: number;
  /** The most checks that were running at once. */
  maxConcurrent: number;
  /** The least time from the end of one check to the start of the next; null before two checks. */
  leastGapMs: number | null;
  /** The start of each check, epoch milliseconds. */
  startedAt: number[];
}

export interface RecordingMcpServer {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  url: string;
  port: number;
  record(): CheckRecord;
  close(): Promise<void>;
}

const SERVER_INFO = { name: 'recording-fixture', version: '1.0.0' };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A legacy (2025-11-25) stateless Streamable HTTP MCP server on bare node:http that watches how
 * it is checked, for politeness tests and benchmarks: a check starts with the probe's
 * `server/discover` (refused as a v1 server refuses it, so the probe falls back to `initialize`)
 * and ends when its `tools/list` answer is sent, `delayMs` after the request came. It counts the
 * checks that overlap and the least rest between two.
 */
export async function startRecordingMcpServer(
  options: { delayMs?: number } = {},
): Promise<RecordingMcpServer> {
  const delayMs = options.delayMs ?? 0;
  const record: CheckRecord = {
    userAgents: [],
    clientInfos: [],
    checks: 0,
    maxConcurrent: 0,
    leastGapMs: null,
    startedAt: [],
  };
  let running = 0;
  let lastEnd: number | null = null;
  const start = (req: IncomingMessage) => {
    const at = Date.now();
    record.checks++;
    record.startedAt.push(at);
    record.userAgents.push(String(req.headers['user-agent'] ?? ''));
    if (running === 0 && lastEnd !== null)
      record.leastGapMs = Math.min(record.leastGapMs ?? Number.POSITIVE_INFINITY, at - lastEnd);
    running++;
    record.maxConcurrent = Math.max(record.maxConcurrent, running);
  };
  const end = () => {
    running = Math.max(0, running - 1);
    lastEnd = Date.now();
  };
  const answer = (req: IncomingMessage, res: ServerResponse, message: Record<string, unknown>) => {
    const id = (message.id ?? null) as string | number | null;
    const params = (message.params ?? {}) as Record<string, unknown>;
    switch (message.method) {
      case 'server/discover':
        start(req);
        return send(res, 400, {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32000, message: 'Bad Request: Unsupported protocol version' },
        });
      case 'initialize':
        record.clientInfos.push(params.clientInfo);
        return send(res, 200, {
          jsonrpc: '2.0',
          id,
          result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: SERVER_INFO },
        });
      case 'notifications/initialized':
        res.writeHead(202).end();
        return;
      case 'tools/list':
        setTimeout(() => {
          send(res, 200, {
            jsonrpc: '2.0',
            id,
            result: { tools: [{ name: 'echo', inputSchema: { type: 'object', properties: {} } }] },
          });
          end();
        }, delayMs);
        return;
      default:
        return send(res, 200, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
    }
  };
  const server = createServer({ keepAlive: true }, (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Method not allowed.' } });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let message: unknown;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        message = null;
      }
      if (typeof message === 'object' && message !== null && !Array.isArray(message))
        answer(req, res, message as Record<string, unknown>);
      else send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    });
  });
  const closeAll = trackSockets(server);
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    record: () => ({
      ...record,
      userAgents: [...record.userAgents],
      clientInfos: [...record.clientInfos],
      startedAt: [...record.startedAt],
    }),
    close: closeAll,
  };
}
