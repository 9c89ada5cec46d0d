import { describe, expect, it } from 'vitest';
import { STORABLE_LIMITS } from './domain/storage-limits.js';
import type { ProbeResult, Tool } from './probe-result.js';
import { storableResult } from './storable-result.js';
import { secretScrubber, storableText } from './storable-text.js';

const SECRET = 'sk-live-7f3a9c1e5b2d4f60aa';
const HEADERS = [`Bearer ${SECRET}`, 'x-tenant-key-0042'];

function baseResult(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    url: 'https://mcp.example.com/mcp',
    status: 'up',
    error: null,
    httpAlive: true,
    transport: 'streamable-http',
    era: 'legacy',
    protocolVersion: '2025-11-25',
    serverInfo: { name: 'srv', version: '1.0.0' },
    capabilities: { tools: {} },
    toolCount: 1,
    schemaHash: 'a'.repeat(64),
    timings: {
      dnsMs: 1,
      connectMs: 1,
      tlsMs: null,
      negotiationMs: null,
      handshakeMs: 1,
      toolsListMs: 1,
      otherMs: 0,
      totalMs: 4,
    },
    auth: null,
    checkedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

const TOOL: Tool = { name: 'echo', description: 'Echo', inputSchema: { type: 'object' } };

/** Every string and key of a value, without recursion. */
function allStrings(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') out.push(item);
    else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        out.push(key);
        stack.push(child);
      }
    }
  }
  return out;
}

/** What Postgres text and jsonb refuse. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what the test looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function depthOf(value: unknown): number {
  let depth = 0;
  let level: unknown[] = [value];
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const item of level) if (item && typeof item === 'object') next.push(...Object.values(item));
    if (next.length === 0 && !level.some((item) => item && typeof item === 'object')) break;
    depth++;
    level = next;
  }
  return depth;
}

describe('storableText', () => {
  it('replaces NUL and lone surrogates, keeping well-formed pairs', () => {
    expect(storableText('a\u0000b\uD800c\uDC00d😀', 100)).toBe('a\uFFFDb\uFFFDc\uFFFDd😀');
  });

  it('cuts to the cap with the original length, never splitting a surrogate pair, and is idempotent', () => {
    const long = `${'x'.repeat(1_000)}😀${'y'.repeat(3_145_727)}`;
    const cut = storableText(long, 1_024);
    expect(cut.length).toBeLessThanOrEqual(1_024);
    expect(cut).toMatch(/… \[truncated, 3,146,729 characters\]$/);
    expect(UNSTORABLE.test(cut)).toBe(false);
    expect(storableText(cut, 1_024)).toBe(cut);
  });

  it('scrubs a secret before cutting, so no fragment of it survives', () => {
    const scrub = secretScrubber(HEADERS);
    const text = `${'x'.repeat(1_000)}Bearer ${SECRET}`;
    const cut = storableText(text, 1_024, scrub);
    for (let i = 0; i + 6 <= SECRET.length; i++) expect(cut).not.toContain(SECRET.slice(i, i + 6));
  });
});

describe('storableResult', () => {
  it('makes NUL and lone surrogates storable in values and keys at any depth', () => {
    const { result, tools } = storableResult({
      result: baseResult({
        status: 'down',
        error: { code: 'rpc_error', phase: 'handshake', message: 'bad\u0000 \uDC00' },
        protocolVersion: '2025\u0000',
        serverInfo: { name: 'n\u0000ame', version: '\uD800', nested: { 'k\u0000': ['\uDBFF'] } },
        capabilities: { 'x\uD800': { deep: 'v\u0000' } },
      }),
      tools: [
        { ...TOOL, description: 'd\u0000', inputSchema: { type: 'object', properties: { 'p\uDC00': {} } } },
      ],
    });
    const strings = allStrings({ result, tools });
    expect(strings.filter((text) => UNSTORABLE.test(text))).toEqual([]);
    expect(result.serverInfo).toEqual({
      name: 'n\uFFFDame',
      version: '\uFFFD',
      nested: { 'k\uFFFD': ['\uFFFD'] },
    });
    expect(Object.keys(tools?.[0]?.inputSchema.properties as object)).toEqual(['p\uFFFD']);
  });

  it('bounds a 3 MB protocolVersion and the error message that quotes it, recording the original length', () => {
    const version = 'v'.repeat(3 * 1024 * 1024);
    const { result } = storableResult({
      result: baseResult({
        status: 'down',
        protocolVersion: version,
        error: {
          code: 'protocol_violation',
          phase: 'handshake',
          message: `initialize answered with protocol version ${JSON.stringify(version)}`,
        },
      }),
      tools: null,
    });
    expect(result.protocolVersion?.length).toBeLessThanOrEqual(STORABLE_LIMITS.protocolVersionChars);
    expect(result.error?.message.length).toBeLessThanOrEqual(STORABLE_LIMITS.errorMessageChars);
    expect(result.error?.message).toMatch(/^initialize answered with protocol version "vvv/);
    expect(result.error?.message).toMatch(/… \[truncated, 3,145,772 characters\]$/);
  });

  it('bounds a serverInfo nested 10,000 levels deep without overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    const { result } = storableResult({
      result: baseResult({ serverInfo: { name: 'deep', version: '1', extra: deep }, capabilities: deep }),
      tools: null,
    });
    expect(depthOf(result.serverInfo)).toBeLessThanOrEqual(STORABLE_LIMITS.serverDepth + 1);
    expect(depthOf(result.capabilities)).toBeLessThanOrEqual(STORABLE_LIMITS.serverDepth + 1);
    expect(JSON.stringify(result)).toContain(`[nested deeper than ${STORABLE_LIMITS.serverDepth} levels]`);
    expect(result.serverInfo).toMatchObject({ name: 'deep', version: '1' });
  });

  it('bounds a tool schema nested 10,000 levels deep', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { x: schema } };
    const { tools } = storableResult({ result: baseResult(), tools: [{ ...TOOL, inputSchema: schema }] });
    expect(depthOf(tools)).toBeLessThanOrEqual(STORABLE_LIMITS.toolDepth + 1);
    expect(tools?.[0]?.name).toBe('echo');
  });

  it('keeps name and version and a count of what was dropped when serverInfo is too wide', () => {
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) wide[`k${i}`] = i;
    const { result } = storableResult({
      result: baseResult({ serverInfo: { ...wide, name: 'wide', version: '2' } }),
      tools: null,
    });
    const info = result.serverInfo as Record<string, unknown>;
    expect(Object.keys(info).length).toBeLessThanOrEqual(STORABLE_LIMITS.serverEntries + 3);
    expect(info).toMatchObject({ name: 'wide', version: '2' });
    expect(info['…']).toMatch(/more members not kept/);
  });

  it('scrubs the monitor header values and their bearer token at any depth, keys included', () => {
    let nested: Record<string, unknown> = { echoed: `token=${SECRET}` };
    for (let i = 0; i < 40; i++) nested = { level: nested };
    const { result, tools } = storableResult(
      {
        result: baseResult({
          status: 'down',
          error: { code: 'http_error', phase: 'handshake', message: `got Bearer ${SECRET}` },
          serverInfo: { name: 'srv', version: SECRET, about: { who: ['x-tenant-key-0042'] } },
          capabilities: { experimental: { [SECRET]: { note: `Bearer ${SECRET}` } } },
        }),
        tools: [
          {
            ...TOOL,
            description: `call me with ${SECRET}`,
            inputSchema: { type: 'object', properties: { key: { default: SECRET, deep: nested } } },
          },
        ],
      },
      HEADERS,
    );
    const text = JSON.stringify({ result, tools });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('x-tenant-key-0042');
    expect(tools?.[0]?.description).toBe('call me with [redacted]');
    expect(result.serverInfo?.version).toBe('[redacted]');
  });

  it('drops a JSON-RPC code that no integer column can hold', () => {
    const { result } = storableResult({
      result: baseResult({
        status: 'down',
        error: { code: 'rpc_error', phase: 'handshake', message: 'x', rpcCode: 99_999_999_999 },
      }),
      tools: null,
    });
    expect(result.error).toEqual({ code: 'rpc_error', phase: 'handshake', message: 'x' });
  });

  it('caps tool names and descriptions, and keeps a member named __proto__ as data', () => {
    const { tools } = storableResult({
      result: baseResult(),
      tools: [
        {
          name: 'n'.repeat(10_000),
          description: 'd'.repeat(100_000),
          inputSchema: JSON.parse('{"type":"object","__proto__":{"polluted":true}}'),
        },
      ],
    });
    const [tool] = tools ?? [];
    expect(tool?.name.length).toBeLessThanOrEqual(STORABLE_LIMITS.toolNameChars);
    expect(tool?.description?.length).toBeLessThanOrEqual(STORABLE_LIMITS.toolDescriptionChars);
    expect(tool?.description).toMatch(/\[truncated, 100,000 characters\]$/);
    expect(Object.getPrototypeOf(tool?.inputSchema)).toBe(Object.prototype);
    expect(Object.hasOwn(tool?.inputSchema ?? {}, '__proto__')).toBe(true);
  });

  it('is idempotent and leaves an ordinary result as it was', () => {
    const report = { result: baseResult(), tools: [TOOL] };
    const once = storableResult(report, HEADERS);
    expect(once).toEqual(report);
    expect(storableResult(once, HEADERS)).toEqual(once);
  });
});

describe('the auth block', () => {
  it('is bounded, scrubbed and made storable', () => {
    const hostile = `https://as.example.com/${'x'.repeat(5_000)}`;
    const { result } = storableResult(
      {
        result: baseResult({
          status: 'down',
          auth: {
            required: true,
            mode: 'discovery',
            resourceMetadataUrl: `https://mcp.example.com/.well-known/oauth-protected-resource?k=${SECRET}`,
            resource: 'https://mcp.example.com/mcp\u0000',
            authorizationServers: Array.from({ length: 40 }, (_, i) =>
              i === 0 ? hostile : `https://as${i}`,
            ),
            issuer: '\uD800issuer',
            tokenEndpoint: null,
            scopesSupported: Array.from(
              { length: 100 },
              (_, i) => `scope-${i}-${'s'.repeat(i === 0 ? 400 : 1)}`,
            ),
            failedStep: 'resource',
            reason: `resource is ${'r'.repeat(3_000)}`,
          },
        }),
        tools: null,
      },
      HEADERS,
    );
    const auth = result.auth!;
    expect(auth.resourceMetadataUrl).not.toContain(SECRET);
    expect(auth.resourceMetadataUrl).toContain('[redacted]');
    expect(auth.authorizationServers).toHaveLength(STORABLE_LIMITS.authServers);
    expect(auth.authorizationServers[0]!.length).toBeLessThanOrEqual(STORABLE_LIMITS.authUrlChars);
    expect(auth.scopesSupported).toHaveLength(STORABLE_LIMITS.authScopes);
    expect(auth.scopesSupported[0]!.length).toBeLessThanOrEqual(STORABLE_LIMITS.authScopeChars);
    expect(auth.reason!.length).toBeLessThanOrEqual(STORABLE_LIMITS.errorMessageChars);
    for (const text of allStrings(auth)) expect(text).not.toMatch(UNSTORABLE);
    expect(storableResult({ result, tools: null }, HEADERS).result).toEqual(result);
  });

  it('stays null for a result without one, or from a worker that sent none', () => {
    expect(storableResult({ result: baseResult(), tools: null }).result.auth).toBeNull();
    const { auth: _dropped, ...older } = baseResult();
    expect(storableResult({ result: older as ProbeResult, tools: null }).result.auth).toBeNull();
  });
});
