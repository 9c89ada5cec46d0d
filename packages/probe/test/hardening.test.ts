import type { IncomingMessage, ServerResponse } from 'node:http';
import { computeSchemaHash } from '@mcpulse/core';
import { STORABLE_LIMITS } from '@mcpulse/core/domain';
import { type RawServer, startRawServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { createAddressPolicy } from '../src/index.js';
import {
  INIT_RESULT,
  legacyServer,
  refuseModern,
  result,
  SAMPLE_TOOL,
  sendJson,
  startRpcServer,
} from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

const TOKEN = 'sk-live-7f3a9c1e5b2d4f60aa';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
function keep<T extends RawServer>(server: T): T {
  cleanups.push(server.close);
  return server;
}
const local = { allowPrivateAddresses: true } as const;

describe('credentials and redirects', () => {
  it('never sends the monitor headers to another origin, on any request after a redirect', async () => {
    const seen: Array<string | undefined> = [];
    const target = keep(
      await legacyServer((message, req, res) => {
        seen.push(req.headers.authorization);
        result(res, message.id, { tools: [SAMPLE_TOOL] });
      }),
    );
    target.server.on('request', (req: IncomingMessage) => seen.push(req.headers.authorization));
    const origin = keep(
      await startRawServer((_req, res) => {
        res.writeHead(307, { location: `${target.url.replace('127.0.0.1', 'localhost')}/mcp` }).end();
      }),
    );
    const { result: probe } = await runProbe({
      url: `${origin.url}/mcp`,
      ...local,
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(probe.status).toBe('up');
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((value) => value === undefined)).toBe(true);
  });

  it('keeps every fragment of a secret out of the error, even when the server echoes it', async () => {
    const server = keep(
      await startRawServer((req, res) => {
        res.writeHead(500).end(`${'x'.repeat(95)} ${req.headers.authorization}`);
      }),
    );
    const { result: probe } = await runProbe({
      url: `${server.url}/mcp`,
      ...local,
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(probe.error?.code).toBe('http_error');
    for (let i = 0; i + 8 <= TOKEN.length; i++)
      expect(JSON.stringify(probe)).not.toContain(TOKEN.slice(i, i + 8));
  });

  it('scrubs a secret a server puts in its serverInfo', async () => {
    const server = keep(
      await startRpcServer((message, req, res) => {
        if (message.method === 'server/discover') {
          return sendJson(res, 200, {
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32601, message: 'nope' },
          });
        }
        if (message.method === 'initialize') {
          return result(res, message.id, {
            ...INIT_RESULT,
            serverInfo: { name: 'echo', version: String(req.headers.authorization) },
          });
        }
        if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
        result(res, message.id, { tools: [SAMPLE_TOOL] });
      }),
    );
    const { result: probe } = await runProbe({
      url: `${server.url}/mcp`,
      ...local,
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(JSON.stringify(probe)).not.toContain(TOKEN);
  });
});

describe('hostile tool listings', () => {
  function rawTools(body: string) {
    return legacyServer((message, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":{"tools":[${body}]}}`);
    });
  }

  it.each([
    ['a number that overflows to Infinity', '{"name":"n","inputSchema":{"type":"object","maximum":1e400}}'],
    ['a lone surrogate', '{"name":"s","description":"\\ud800","inputSchema":{"type":"object"}}'],
    [
      'nesting 100,000 levels deep',
      `{"name":"d","inputSchema":{"type":"object","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
    ],
  ])('reports %s as invalid_response instead of throwing', async (_label, body) => {
    const server = keep(await rawTools(body));
    const { result: probe } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe.status).toBe('down');
    expect(probe.error).toMatchObject({ code: 'invalid_response', phase: 'tools_list' });
  });

  it('bounds what one check may read across all its pages', async () => {
    const padding = 'p'.repeat(900 * 1024);
    const server = keep(
      await legacyServer((message, _req, res) => {
        const page = Number(message.params?.cursor ?? 0);
        result(res, message.id, {
          tools: [{ ...SAMPLE_TOOL, name: `t${page}`, description: padding }],
          nextCursor: String(page + 1),
        });
      }),
    );
    const { result: probe } = await runProbe({
      url: `${server.url}/mcp`,
      ...local,
      maxBodyBytes: 1024 * 1024,
      maxTotalBytes: 2 * 1024 * 1024,
    });
    expect(probe.error).toMatchObject({ code: 'response_too_large', phase: 'tools_list' });
  });
});

/** What Postgres text and jsonb refuse: NUL and lone surrogates, in any string or key. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what the test looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string and key of a value that Postgres would refuse, found without recursion. */
function unstorable(value: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string' && UNSTORABLE.test(item)) found.push(item);
    if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (UNSTORABLE.test(key)) found.push(key);
        stack.push(child);
      }
    }
  }
  return found;
}

/** A legacy server whose initialize result and tools the test writes as raw JSON text. */
function rawLegacyServer(
  initialize: (req: IncomingMessage) => string,
  tools = JSON.stringify([SAMPLE_TOOL]),
) {
  return startRpcServer((message, req, res) => {
    const answer = (body: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},${body}}`);
    };
    if (message.method === 'server/discover') return refuseModern(res, message.id);
    if (message.method === 'initialize') return answer(initialize(req));
    if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
    answer(`"result":{"tools":${tools}}`);
  });
}

describe('what a server sends is made storable', () => {
  it('replaces NUL and lone surrogates in serverInfo values and keys and in tools', async () => {
    const server = keep(
      await rawLegacyServer(
        () =>
          '"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{},"x\\ud800":{"y":"\\u0000"}},' +
          '"serverInfo":{"name":"evil\\u0000name","version":"\\udc00","meta":{"k\\u0000":["\\ud800"]}}}',
        '[{"name":"t\\u0000","description":"d\\u0000","inputSchema":{"type":"object","properties":{"p\\u0000":{}}}}]',
      ),
    );
    const { result: probe, tools } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe.status).toBe('up');
    expect(unstorable({ probe, tools })).toEqual([]);
    expect(probe.serverInfo).toEqual({
      name: 'evil\uFFFDname',
      version: '\uFFFD',
      meta: { 'k\uFFFD': ['\uFFFD'] },
    });
    expect(tools?.[0]?.name).toBe('t\uFFFD');
    expect(probe.schemaHash).toBe(computeSchemaHash(tools ?? []));
  });

  it('replaces NUL in a JSON-RPC error message and drops a code no integer column holds', async () => {
    const server = keep(
      await rawLegacyServer(() => '"error":{"code":99999999999,"message":"boom\\u0000\\ud800"}'),
    );
    const { result: probe } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe.error).toMatchObject({ code: 'rpc_error', phase: 'handshake' });
    expect(probe.error?.message).toContain('boom\uFFFD\uFFFD');
    expect(probe.error?.rpcCode).toBeUndefined();
  });

  it('bounds a 3 MB protocolVersion in the error that quotes it, with its original length', async () => {
    const version = 'v'.repeat(3 * 1024 * 1024);
    const server = keep(
      await rawLegacyServer(
        () =>
          `"result":{"protocolVersion":"${version}","capabilities":{},"serverInfo":{"name":"n","version":"1"}}`,
      ),
    );
    const { result: probe } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe.error?.code).toBe('protocol_violation');
    expect(probe.error?.message.length).toBeLessThanOrEqual(STORABLE_LIMITS.errorMessageChars);
    expect(probe.error?.message).toMatch(/\[truncated, 3,145,\d{3} characters\]$/);
    expect(JSON.stringify(probe).length).toBeLessThan(10_000);
  });

  it('bounds a serverInfo nested 10,000 levels deep', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const server = keep(
      await rawLegacyServer(
        () =>
          `"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{},"deep":${deep}},` +
          `"serverInfo":{"name":"deep","version":"1","nested":${deep}}}`,
      ),
    );
    const { result: probe } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe).toMatchObject({ status: 'up', serverInfo: { name: 'deep', version: '1' } });
    const text = JSON.stringify(probe);
    expect(text.length).toBeLessThan(10_000);
    expect(text).toContain(`[nested deeper than ${STORABLE_LIMITS.serverDepth} levels]`);
  });

  it('scrubs a secret echoed deep inside capabilities and tool descriptions, whatever its value', async () => {
    const echoing = (req: IncomingMessage) => {
      const secret = String(req.headers.authorization);
      return JSON.stringify({
        protocolVersion: '2025-11-25',
        capabilities: { tools: {}, experimental: { a: { b: { c: [{ echoed: secret, [secret]: 1 }] } } } },
        serverInfo: { name: 'echo', version: '1', vendor: { contact: { token: secret } } },
      });
    };
    const hashes: Array<string | null> = [];
    for (const token of [TOKEN, `${TOKEN}-rotated`]) {
      let seen = '';
      const server = keep(
        await startRpcServer((message, req, res) => {
          seen = String(req.headers.authorization);
          if (message.method === 'server/discover') return refuseModern(res, message.id);
          if (message.method === 'initialize') return result(res, message.id, JSON.parse(echoing(req)));
          if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
          result(res, message.id, {
            tools: [
              {
                ...SAMPLE_TOOL,
                description: `Pass ${seen} along`,
                inputSchema: { type: 'object', properties: { key: { default: seen.split(' ')[1] } } },
              },
            ],
          });
        }),
      );
      const { result: probe, tools } = await runProbe({
        url: `${server.url}/mcp`,
        ...local,
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(probe.status).toBe('up');
      const text = JSON.stringify({ probe, tools });
      expect(text).not.toContain(token);
      expect(text).toContain('[redacted]');
      expect(tools?.[0]?.description).toBe('Pass [redacted] along');
      hashes.push(probe.schemaHash);
    }
    // The hash covers the tools as stored: rotating the secret a server echoes is not a schema change.
    expect(hashes[0]).toBe(hashes[1]);
  });
});

describe('era fallback', () => {
  it('reports a modern server failing tools/list as its own failure, not as a legacy error', async () => {
    const server = keep(
      await startRpcServer((message, _req, res) => {
        if (message.method === 'server/discover') {
          return result(res, message.id, {
            resultType: 'complete',
            supportedVersions: ['2026-07-28'],
            capabilities: { tools: {} },
          });
        }
        if (message.method === 'tools/list') {
          return sendJson(res, 400, {
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32602, message: 'bad cursor' },
          });
        }
        sendJson(res, 400, {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32022, message: 'Unsupported protocol version' },
        });
      }),
    );
    const { result: probe } = await runProbe({ url: `${server.url}/mcp`, ...local });
    expect(probe).toMatchObject({ era: 'modern', protocolVersion: '2026-07-28' });
    expect(probe.error).toMatchObject({ code: 'rpc_error', phase: 'tools_list', rpcCode: -32602 });
  });
});

describe('timing and resources', () => {
  it('does not count the courtesy DELETE of the session in the check time', async () => {
    const server = keep(
      await startRawServer((req: IncomingMessage, res: ServerResponse) => {
        if (req.method === 'DELETE') return;
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const message = JSON.parse(Buffer.concat(chunks).toString()) as { id?: number; method: string };
          if (message.method === 'server/discover') return sendJson(res, 404, {});
          if (message.method === 'initialize')
            return result(res, message.id, INIT_RESULT, { 'mcp-session-id': 's-1' });
          if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
          result(res, message.id, { tools: [SAMPLE_TOOL] });
        });
      }),
    );
    const { result: probe } = await runProbe({
      url: `${server.url}/mcp`,
      ...local,
      degradedThresholdMs: 1_000,
    });
    expect(probe.status).toBe('up');
    expect(probe.timings.totalMs).toBeLessThan(1_000);
  });

  it('reports a name that never resolves as a timeout in the dns phase', async () => {
    const { result: probe } = await runProbe({
      url: 'http://stalls.example/mcp',
      timeoutMs: 400,
      connectTimeoutMs: 100,
      resolver: () => new Promise(() => {}),
    });
    expect(probe.error).toMatchObject({ code: 'timeout', phase: 'dns' });
    expect(probe.timings.totalMs).toBeLessThan(600);
  });

  it('is up on an HTTP+SSE server that never finishes its POST answers', async () => {
    const streams = new Set<ServerResponse>();
    const server = keep(
      await startRawServer((req, res) => {
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('event: endpoint\ndata: /messages\n\n');
          streams.add(res);
          return;
        }
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          res.writeHead(202);
          res.write('Accepted');
          const message = JSON.parse(Buffer.concat(chunks).toString()) as { id?: number; method: string };
          if (message.id === undefined) return;
          const answer =
            message.method === 'initialize'
              ? { ...INIT_RESULT, protocolVersion: '2024-11-05' }
              : { tools: [SAMPLE_TOOL] };
          for (const stream of streams)
            stream.write(
              `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer })}\n\n`,
            );
        });
      }),
    );
    const { result: probe } = await runProbe({
      url: `${server.url}/sse`,
      ...local,
      transport: 'sse',
      timeoutMs: 3_000,
    });
    expect(probe).toMatchObject({ status: 'up', transport: 'sse', toolCount: 1 });
  });
});

describe('input limits', () => {
  it('rejects a header value Node.js could not send', async () => {
    await expect(runProbe({ url: 'http://127.0.0.1:1/mcp', headers: { 'X-Key': 'caf€' } })).rejects.toThrow(
      /Latin-1/,
    );
    const err: string[] = [];
    const code = await main(['probe', 'http://127.0.0.1:1/mcp', '-H', 'X-Key: a\u0001b'], {
      out: () => {},
      err: (t) => err.push(t),
    });
    expect(code).toBe(2);
  });

  it('rejects a deadline beyond ten minutes', async () => {
    await expect(runProbe({ url: 'http://127.0.0.1:1/mcp', timeoutMs: 600 * 3_600_000 })).rejects.toThrow(
      /at most/,
    );
  });

  it('exits 4 from diff when a URL side cannot be snapshotted', async () => {
    const err: string[] = [];
    const code = await main(['diff', 'http://127.0.0.1:1/mcp', 'http://127.0.0.1:1/mcp'], {
      out: () => {},
      err: (t) => err.push(t),
    });
    expect(code).toBe(4);
  });

  it.each(['::127.0.0.1', '::ffff:0:127.0.0.1', '2002:7f00:1::1', '2002:a9fe:a9fe::1', '2001::1'])(
    'blocks the IPv4-embedding form %s',
    (address) => {
      expect(createAddressPolicy({ allowPrivate: false }).isBlocked(address)).toBe(true);
    },
  );

  it('allows a 6to4 address of a public IPv4 host', () => {
    expect(createAddressPolicy({ allowPrivate: false }).isBlocked('2002:808:808::1')).toBe(false);
  });
});
