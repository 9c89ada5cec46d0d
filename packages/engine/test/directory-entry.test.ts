import { describe, expect, it } from 'vitest';
import { endpointPolicy } from '../src/directory/endpoint-policy.js';
import { parseRegistryEntry } from '../src/directory/registry-entry.js';
import {
  endpointUrl,
  fixedHeaders,
  needsSecretHeader,
  resolveRemote,
} from '../src/directory/remote-endpoint.js';

const OFFICIAL = 'io.modelcontextprotocol.registry/official';
const item = (server: Record<string, unknown>, official: Record<string, unknown> = { status: 'active' }) => ({
  server: { name: 'io.example/one', version: '1.0.0', description: 'd', ...server },
  _meta: { [OFFICIAL]: official },
});

describe('a registry entry', () => {
  it('keeps text storable and bounded, and drops fields of the wrong type', () => {
    const entry = parseRegistryEntry(
      item({
        description: `a\u0000b${'x'.repeat(5000)}`,
        title: 42,
        websiteUrl: 'javascript:alert(1)',
        repository: { url: 'https://github.com/x/y' },
      }),
    );
    if (typeof entry === 'string') throw new Error(entry);
    expect(entry.description).not.toContain('\u0000');
    expect(entry.description!.length).toBeLessThanOrEqual(2000);
    expect(entry.title).toBeNull();
    expect(entry.websiteUrl).toBeNull();
    expect(entry.repositoryUrl).toBe('https://github.com/x/y');
  });

  it('is skipped, with its reason, when it cannot be told apart or placed', () => {
    expect(parseRegistryEntry(item({ name: 'line\nbreak' }))).toBe('name');
    expect(parseRegistryEntry(item({ name: ' padded' }))).toBe('name');
    expect(parseRegistryEntry(item({ version: '' }))).toBe('version');
    expect(parseRegistryEntry(item({}, { status: 'archived' }))).toBe('status');
    expect(parseRegistryEntry({ server: { name: 'a/b', version: '1' }, _meta: [] })).toBe('meta');
    expect(parseRegistryEntry([])).toBe('not_an_object');
  });

  it('keeps only the known official metadata, and reads isLatest strictly', () => {
    const entry = parseRegistryEntry(
      item(
        {},
        {
          status: 'deprecated',
          isLatest: 'yes',
          updatedAt: '2026-01-01T00:00:00Z',
          injected: { deep: 'x'.repeat(10_000) },
        },
      ),
    );
    if (typeof entry === 'string') throw new Error(entry);
    expect(entry.status).toBe('deprecated');
    expect(entry.isLatest).toBe(false);
    expect(entry.meta).toEqual({ status: 'deprecated', updatedAt: '2026-01-01T00:00:00Z' });
    expect(entry.updatedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('a declared remote', () => {
  it('is filled from its defaults and judged again as a URL afterwards', () => {
    expect(
      resolveRemote({
        type: 'sse',
        url: 'https://{host}/sse',
        variables: { host: { default: 'mcp.example.com' } },
      }),
    ).toMatchObject({ resolvedUrl: 'https://mcp.example.com/sse', skipReason: null, variables: ['host'] });
    // A default may try to smuggle credentials in: the filled URL is refused like a declared one.
    expect(
      resolveRemote({
        type: 'sse',
        url: 'https://{host}/sse',
        variables: { host: { default: 'user:pw@evil.example' } },
      }),
    ).toMatchObject({ resolvedUrl: null, skipReason: 'invalid_url' });
    expect(
      resolveRemote({
        type: 'sse',
        url: 'https://{host}/sse',
        variables: { host: { description: 'yours' } },
      }),
    ).toMatchObject({
      resolvedUrl: null,
      skipReason: 'template',
    });
    expect(resolveRemote({ type: 'stdio', url: 'https://a.example' })).toBeNull();
  });

  it('sends only fixed, non-secret, well-formed headers that the probe does not set itself', () => {
    const remote = resolveRemote({
      type: 'streamable-http',
      url: 'https://a.example/mcp',
      headers: [
        { name: 'X-Fine', value: 'yes' },
        { name: 'X-Split', value: 'a\r\nX-Injected: 1' },
        { name: 'Bad Name', value: 'x' },
        { name: 'Host', value: 'internal.example' },
        { name: 'X-Secret', value: 'shown', isSecret: true },
        { name: 'X-Api-Key', isRequired: true },
      ],
    })!;
    expect(fixedHeaders(remote)).toEqual({ 'X-Fine': 'yes' });
    expect(remote.headers.map((h) => h.name)).toEqual(['X-Fine', 'X-Split', 'Host', 'X-Secret', 'X-Api-Key']);
    expect(needsSecretHeader(remote)).toBe(true);
  });

  it('is keyed by its normalized URL', () => {
    expect(endpointUrl('HTTPS://MCP.Example.COM:443/mcp#frag')).toBe('https://mcp.example.com/mcp');
    expect(endpointUrl('http://0x7f.1/mcp')).toBe('http://127.0.0.1/mcp');
    expect(endpointUrl('file:///etc/passwd')).toBeNull();
  });
});

describe('the directory address policy', () => {
  it('refuses literal special addresses and localhost names unless the allow-list opens them', () => {
    const policy = endpointPolicy({
      allowedTargetCidrs: ['10.1.0.0/16'],
      optOutHosts: ['optout.example', 'b.example:8443'],
    });
    expect(policy('http://10.2.0.1/mcp')).toBe('blocked_address');
    expect(policy('http://10.1.2.3/mcp')).toBeNull();
    expect(policy('http://[fe80::1]/mcp')).toBe('blocked_address');
    expect(policy('http://api.localhost/mcp')).toBe('blocked_address');
    expect(policy('https://mcp.optout.example/mcp')).toBe('opted_out');
    expect(policy('https://b.example:8443/mcp')).toBe('opted_out');
    expect(policy('https://b.example/mcp')).toBeNull();
    expect(policy('https://notoptout.example/mcp')).toBeNull();
  });
});
