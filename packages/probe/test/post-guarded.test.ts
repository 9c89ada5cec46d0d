import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { type RawServer, startRawServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type PostGuardedOptions, postGuarded, type Resolver } from '../src/index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  const received: Received[] = [];
  const server: RawServer = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(req, res);
    });
  });
  cleanups.push(server.close);
  return { server, received };
}

function post(url: string, overrides: Partial<PostGuardedOptions> = {}) {
  return postGuarded({
    url,
    body: '{"hello":"world"}',
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
    timeoutMs: 2_000,
    allowPrivateAddresses: true,
    maxResponseBytes: 2048,
    ...overrides,
  });
}

describe('postGuarded', () => {
  it('POSTs the body and headers and returns the status, an excerpt and the latency', async () => {
    const { server, received } = await receiver((_req, res) => res.writeHead(202).end('accepted'));
    const result = await post(`${server.url}/hook`);
    expect(result).toMatchObject({ status: 202, bodyExcerpt: 'accepted' });
    expect('latencyMs' in result && result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', url: '/hook', body: '{"hello":"world"}' }),
    ]);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'user-agent': 'mcpulse-webhooks/1.0',
    });
  });

  it('keeps only the first bytes of a large answer', async () => {
    const { server } = await receiver((_req, res) => res.writeHead(500).end('é'.repeat(10_000)));
    const result = await post(server.url, { maxResponseBytes: 2048 });
    expect(result).toMatchObject({ status: 500 });
    const excerpt = 'bodyExcerpt' in result ? result.bodyExcerpt : '';
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(2048);
    expect(excerpt.startsWith('éé')).toBe(true);
  });

  it('gives up at the deadline when the receiver never answers', async () => {
    const { server } = await receiver(() => {});
    const started = Date.now();
    const result = await post(server.url, { timeoutMs: 300 });
    expect(result).toMatchObject({ error: { code: 'timeout', message: 'no answer within 300 ms' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a loopback receiver when private targets are off, without connecting', async () => {
    const { server, received } = await receiver((_req, res) => res.writeHead(200).end());
    const result = await post(server.url, { allowPrivateAddresses: false });
    expect(result).toMatchObject({ error: { code: 'blocked_address' } });
    expect(received).toHaveLength(0);
  });

  it('judges the address a name resolves to, not the name', async () => {
    const { server, received } = await receiver((_req, res) => res.writeHead(200).end());
    const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const url = server.url.replace('127.0.0.1', 'hooks.example');
    const result = await post(url, { allowPrivateAddresses: false, resolver });
    expect(result).toMatchObject({ error: { code: 'blocked_address' } });
    expect('error' in result && result.error.message).toContain('hooks.example (127.0.0.1)');
    expect(received).toHaveLength(0);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const { server } = await receiver((_req, res) =>
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const result = await post(server.url, { allowPrivateAddresses: false, allowedCidrs: ['127.0.0.0/8'] });
    expect(result).toMatchObject({ error: { code: 'blocked_address' } });
    expect('error' in result && result.error.message).toContain('169.254.169.254');
  });

  it('follows an allowed redirect with the same method, body and headers', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end('ok'));
    const { server } = await receiver((_req, res) =>
      res.writeHead(308, { location: `${target.server.url}/moved` }).end(),
    );
    const result = await post(server.url);
    expect(result).toMatchObject({ status: 200, bodyExcerpt: 'ok' });
    expect(target.received[0]).toMatchObject({ method: 'POST', url: '/moved', body: '{"hello":"world"}' });
    expect(target.received[0]?.headers['webhook-id']).toBe('msg_1');
  });

  it('reports a refused connection and a malformed URL as errors, never by throwing', async () => {
    const { server } = await receiver((_req, res) => res.writeHead(200).end());
    const url = server.url;
    await cleanups.pop()?.();
    expect(await post(url)).toMatchObject({ error: { code: 'connection_refused' } });
    expect(await post('ftp://example.com/')).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

describe('postGuarded with shared keep-alive agents', () => {
  it('reuses one connection across calls and still refuses a blocked address', async () => {
    const { server, received } = await receiver((_req, res) => res.writeHead(204).end());
    let connections = 0;
    server.server.on('connection', () => connections++);
    const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    try {
      for (let i = 0; i < 3; i++) expect(await post(server.url, { agents })).toMatchObject({ status: 204 });
      expect(received).toHaveLength(3);
      expect(connections).toBe(1);
      const blocked = await post('http://127.0.0.2:9/hook', { agents, allowPrivateAddresses: false });
      expect(blocked).toMatchObject({ error: { code: 'blocked_address' } });
    } finally {
      agents.http.destroy();
      agents.https.destroy();
    }
  });
});
