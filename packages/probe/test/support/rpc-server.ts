import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RawServer, startRawServer } from '@mcpulse/testkit';

export interface RpcMessage {
  jsonrpc?: string;
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
}

export type RpcHandler = (message: RpcMessage, req: IncomingMessage, res: ServerResponse) => void;

/** A hand-written server that parses each POSTed JSON-RPC message and lets the test misbehave freely. */
export function startRpcServer(handler: RpcHandler): Promise<RawServer> {
  return startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      let message: RpcMessage = {};
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcMessage;
      } catch {
        res.writeHead(400).end();
        return;
      }
      handler(message, req, res);
    });
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function result(
  res: ServerResponse,
  id: RpcMessage['id'],
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, 200, { jsonrpc: '2.0', id, result: value }, headers);
}

/** How a 2025-era server that has never heard of `server/discover` answers it. */
export function refuseModern(res: ServerResponse, id: RpcMessage['id']): void {
  sendJson(res, 200, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
}

export const INIT_RESULT = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  serverInfo: { name: 'hand-written', version: '1.0.0' },
};

export const SAMPLE_TOOL = {
  name: 'echo',
  description: 'Echo',
  inputSchema: { type: 'object', properties: {} },
};

/** A legacy server that behaves until `tools/list`, which the test answers itself. */
export function legacyServer(onToolsList: RpcHandler): Promise<RawServer> {
  return startRpcServer((message, req, res) => {
    if (message.method === 'server/discover') return refuseModern(res, message.id);
    if (message.method === 'initialize') return result(res, message.id, INIT_RESULT);
    if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
    if (message.method === 'tools/list') return onToolsList(message, req, res);
    sendJson(res, 200, {
      jsonrpc: '2.0',
      id: message.id,
      error: { code: -32601, message: 'Method not found' },
    });
  });
}
