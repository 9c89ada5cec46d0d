import type { ServerResponse } from 'node:http';
import { startRawServer } from '@mcpulse/testkit';

export interface HostileServer {
  url: string;
  /** What `tools/list` answers from now on: anything, of any depth and size. */
  setTools(tools: unknown[]): void;
  /** Every `tools/list` from now on answers a list never sent before (`make(1)`, `make(2)`, …), until `setTools`. */
  rotateTools(make: (serial: number) => unknown[]): void;
  /** What `initialize` answers from now on: the negotiated version (a legacy one) and `serverInfo`. */
  setHandshake(handshake: { protocolVersion?: string; serverInfo?: unknown }): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

/**
 * A hand-written legacy-era (2025-11-25) MCP server over plain HTTP JSON-RPC
 * that answers `tools/list` with whatever the test sets: schemas nested
 * thousands of levels deep, megabytes of tools, markup in names.
 */
export async function startHostileServer(initial: unknown[]): Promise<HostileServer> {
  let tools = JSON.stringify(initial);
  let rotation: { make: (serial: number) => unknown[]; serial: number } | null = null;
  let protocolVersion = JSON.stringify('2025-11-25');
  let serverInfo = JSON.stringify({ name: 'hostile', version: '1.0.0' });
  const server = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      let message: { id?: unknown; method?: string };
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return void res.writeHead(400).end();
      }
      const id = JSON.stringify(message.id ?? null);
      switch (message.method) {
        case 'initialize':
          return send(
            res,
            `{"jsonrpc":"2.0","id":${id},"result":{"protocolVersion":${protocolVersion},"capabilities":{"tools":{}},"serverInfo":${serverInfo}}}`,
          );
        case 'notifications/initialized':
          return void res.writeHead(202).end();
        case 'tools/list': {
          const list = rotation ? JSON.stringify(rotation.make(++rotation.serial)) : tools;
          return send(res, `{"jsonrpc":"2.0","id":${id},"result":{"tools":${list}}}`);
        }
        default:
          return send(
            res,
            `{"jsonrpc":"2.0","id":${id},"error":{"code":-32601,"message":"Method not found"}}`,
          );
      }
    });
  });
  return {
    url: `${server.url}/mcp`,
    setTools(next) {
      rotation = null;
      tools = JSON.stringify(next);
    },
    rotateTools(make) {
      rotation = { make, serial: 0 };
    },
    setHandshake(next) {
      if (next.protocolVersion !== undefined) protocolVersion = JSON.stringify(next.protocolVersion);
      if (next.serverInfo !== undefined) serverInfo = JSON.stringify(next.serverInfo);
    },
    close: server.close,
  };
}

/** An input schema of object properties nested `levels` deep around a leaf of the given type. */
export function deepSchema(levels: number, leafType: string): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: leafType };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { p: schema } };
  return schema;
}

/** `count` ordinary tools, each with a long description (about 1.5 KB a tool) and two parameters. */
export function manyTools(count: number, describe = (i: number) => `Tool number ${i}. `): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `tool_${String(i).padStart(4, '0')}`,
    description: `${describe(i)}${'Lorem ipsum dolor sit amet. '.repeat(50)}`,
    inputSchema: {
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer' } },
      required: ['query'],
    },
  }));
}
