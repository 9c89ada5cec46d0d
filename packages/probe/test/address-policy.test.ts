import { type FixtureServer, type RawServer, startRawServer, startV2ModernOnly } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createAddressPolicy, type Resolver } from '../src/index.js';
import { runProbe } from './support/run-probe.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fixture(): Promise<FixtureServer> {
  const server = await startV2ModernOnly();
  cleanups.push(server.close);
  return server;
}

async function raw(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(handler);
  cleanups.push(server.close);
  return server;
}

describe('SSRF guard', () => {
  it('blocks a loopback target when private targets are off, without connecting', async () => {
    const server = await fixture();
    const { result } = await runProbe({ url: server.url });
    expect(result.error).toMatchObject({ code: 'blocked_address', phase: 'connect' });
    expect(result.httpAlive).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('allows the same target when private targets are on', async () => {
    const server = await fixture();
    const { result } = await runProbe({ url: server.url, allowPrivateAddresses: true });
    expect(result.status).toBe('up');
  });

  it('blocks a name that resolves to a private address', async () => {
    const server = await fixture();
    const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const url = server.url.replace('127.0.0.1', 'innocent.example');
    const { result } = await runProbe({ url, resolver });
    expect(result.error).toMatchObject({ code: 'blocked_address', phase: 'connect' });
    expect(result.error?.message).toContain('innocent.example (127.0.0.1)');
    expect(server.requests).toHaveLength(0);
  });

  it('blocks a name whose every address is private, and uses only allowed addresses otherwise', async () => {
    const resolver: Resolver = async () => [
      { address: '10.0.0.7', family: 4 },
      { address: 'fd00::1', family: 6 },
    ];
    const { result } = await runProbe({ url: 'http://internal.example/mcp', resolver });
    expect(result.error?.code).toBe('blocked_address');
  });

  it('blocks a redirect to the cloud metadata address', async () => {
    let metadataHits = 0;
    const server = await raw((req, res) => {
      if (req.url?.startsWith('/latest')) metadataHits++;
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    const { result } = await runProbe({ url: `${server.url}/mcp`, allowedCidrs: ['127.0.0.0/8'] });
    expect(result.error).toMatchObject({ code: 'blocked_address', phase: 'connect' });
    expect(result.error?.message).toContain('169.254.169.254');
    expect(result.httpAlive).toBe(true);
    expect(metadataHits).toBe(0);
  });

  it('blocks a redirect to a name that resolves to a private address', async () => {
    const server = await raw((_req, res) => {
      res.writeHead(302, { location: 'http://rebind.example/mcp' }).end();
    });
    const resolver: Resolver = async (host) => [
      { address: host === 'rebind.example' ? '192.168.1.1' : '127.0.0.1', family: 4 },
    ];
    const url = `${server.url.replace('127.0.0.1', 'public.example')}/mcp`;
    const { result } = await runProbe({ url, resolver, allowedCidrs: ['127.0.0.1/32'] });
    expect(result.error).toMatchObject({ code: 'blocked_address' });
    expect(result.error?.message).toContain('rebind.example (192.168.1.1)');
  });
});

describe('address policy', () => {
  const hosted = createAddressPolicy({ allowPrivate: false });
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    'fc00::1',
    'fec0::1',
    'feff:ffff::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '224.0.0.1',
    'ff02::1',
  ])('blocks %s', (address) => {
    expect(hosted.isBlocked(address)).toBe(true);
  });

  it.each(['1.1.1.1', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(hosted.isBlocked(address)).toBe(false);
    },
  );

  it('lets an allow-list open chosen ranges only', () => {
    const policy = createAddressPolicy({ allowPrivate: false, allowCidrs: ['10.1.0.0/16'] });
    expect(policy.isBlocked('10.1.2.3')).toBe(false);
    expect(policy.isBlocked('10.2.0.1')).toBe(true);
  });

  it('rejects a malformed CIDR', () => {
    expect(() => createAddressPolicy({ allowPrivate: false, allowCidrs: ['10.0.0.0/40'] })).toThrow(
      /invalid CIDR/,
    );
  });

  it('allows everything for self-hosting', () => {
    expect(createAddressPolicy({ allowPrivate: true }).isBlocked('127.0.0.1')).toBe(false);
  });
});
