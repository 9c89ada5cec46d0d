import type { RegistryItem, RegistryStatus } from './registry-fixture.js';

/** A loopback server an entry points at, and what kind of server (or failure) it is. */
export interface CatalogTarget {
  url: string;
  type: 'streamable-http' | 'sse';
  kind: string;
}

/** What a sync should make of one declared remote that resolves to a URL. */
export interface ExpectedEndpoint {
  /** The URL probed, normalized as WHATWG URL serializes it. */
  url: string;
  type: 'streamable-http' | 'sse';
  /** Why it is not probed: `blocked_address`, `opted_out`, `retired`; null when probed. */
  skipReason: string | null;
  authRequirement: 'none' | 'secret_header';
  headers: Record<string, string>;
}

/** One server name of the catalog, every version of it, and what a sync should make of it. */
export interface CatalogEntry {
  /** Null for malformed entries that have no usable name. */
  name: string | null;
  items: RegistryItem[];
  expect: {
    /** The sync must skip (and count) the entry, never fail its page. */
    invalid: boolean;
    status: RegistryStatus;
    endpoints: ExpectedEndpoint[];
    /** Remotes listed and never fetched: `template` or `invalid_url` (a URL over 2,048 characters is stored cut). */
    listedOnly: { url: string; skipReason: 'template' | 'invalid_url' }[];
  };
}

/** The host of the opt-out entry: a test puts it on the sync's opt-out list. */
export const OPTED_OUT_HOST = 'opted-out.example.net';

export interface CatalogOptions {
  /** Generated well-formed entries on top of the special cases (for pagination and benchmarks). */
  bulk?: number;
  /** The origin bulk entries point at (`<origin>/bulk/<i>/mcp`); the first target's by default. */
  bulkOrigin?: string;
  /** When the first item was published; each next item one second later. */
  start?: Date;
}

const NS = 'io.github.mcpulse-fixture';

function normalized(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function probed(url: string, type: CatalogTarget['type'], extra: Partial<ExpectedEndpoint> = {}) {
  return {
    url: normalized(url),
    type,
    skipReason: null,
    authRequirement: 'none',
    headers: {},
    ...extra,
  } as const;
}

/**
 * The special cases every sync test needs, pointing at `targets`: one entry per target kind,
 * templates with and without defaults, declared headers (fixed, secret, required), deprecated
 * and deleted status, a newer version replacing an older one, one URL listed by several entries,
 * malformed entries (wrong types, bad and over-long URLs, over-long fields) and private addresses.
 */
export function registryCatalog(targets: CatalogTarget[], options: CatalogOptions = {}): CatalogEntry[] {
  const first = targets[0];
  if (!first) throw new Error('registryCatalog needs at least one target');
  let clock = (options.start ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const stamp = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  const entries: CatalogEntry[] = [];
  const add = (
    server: unknown,
    expect: Partial<CatalogEntry['expect']> = {},
    status: RegistryStatus = 'active',
    older: unknown[] = [],
  ) => {
    const name =
      typeof (server as { name?: unknown })?.name === 'string' ? (server as { name: string }).name : null;
    const items: RegistryItem[] = [];
    for (const old of older) {
      const at = stamp();
      items.push({ server: old, status: 'active', isLatest: false, publishedAt: at, updatedAt: at });
    }
    const at = stamp();
    items.push({ server, status, isLatest: true, publishedAt: at, updatedAt: at });
    entries.push({
      name,
      items,
      expect: { invalid: false, status, endpoints: [], listedOnly: [], ...expect },
    });
  };
  const detail = (slug: string, remotes: unknown, extra: Record<string, unknown> = {}) => ({
    name: `${NS}/${slug}`,
    description: `Fixture server ${slug}`,
    version: '1.0.0',
    remotes,
    ...extra,
  });

  for (const target of targets) {
    add(detail(`kind-${target.kind}`, [{ type: target.type, url: target.url }], { title: target.kind }), {
      endpoints: [probed(target.url, target.type)],
    });
  }

  const origin = new URL(first.url);
  const path = `${origin.pathname}${origin.search}`;
  add(
    detail('template-defaults', [
      {
        type: first.type,
        url: `http://{host}:{port}${path}`,
        variables: { host: { default: origin.hostname }, port: { default: origin.port, isRequired: true } },
      },
    ]),
    { endpoints: [probed(first.url, first.type)] },
  );
  const missing = 'https://{tenant}.mcp.example.com/mcp';
  add(
    detail('template-no-default', [
      { type: 'streamable-http', url: missing, variables: { tenant: { isRequired: true } } },
    ]),
    { listedOnly: [{ url: missing, skipReason: 'template' }] },
  );

  const withHeaders = `${first.url}${first.url.includes('?') ? '&' : '?'}entry=headers`;
  add(
    detail('fixed-headers', [
      {
        type: first.type,
        url: withHeaders,
        headers: [
          { name: 'X-Fixture-Client', value: 'mcpulse-registry-fixture' },
          { name: 'X-Optional-Key', isSecret: true, description: 'optional, never sent' },
          { name: 'X-Templated', value: 'Bearer {token}', variables: { token: {} } },
        ],
      },
    ]),
    {
      endpoints: [
        probed(withHeaders, first.type, { headers: { 'X-Fixture-Client': 'mcpulse-registry-fixture' } }),
      ],
    },
  );
  const secretUrl = `${first.url}${first.url.includes('?') ? '&' : '?'}entry=secret`;
  add(
    detail('secret-header', [
      {
        type: first.type,
        url: secretUrl,
        headers: [{ name: 'Authorization', isSecret: true, isRequired: true, description: 'Bearer token' }],
      },
    ]),
    { endpoints: [probed(secretUrl, first.type, { authRequirement: 'secret_header' })] },
  );

  const deprecatedUrl = `${first.url}${first.url.includes('?') ? '&' : '?'}entry=deprecated`;
  add(
    detail('deprecated', [{ type: first.type, url: deprecatedUrl }]),
    { status: 'deprecated', endpoints: [probed(deprecatedUrl, first.type, { skipReason: 'retired' })] },
    'deprecated',
  );
  add(
    detail('deleted', [
      { type: first.type, url: `${first.url}${first.url.includes('?') ? '&' : '?'}entry=deleted` },
    ]),
    { status: 'deleted' },
    'deleted',
  );

  const oldUrl = `${first.url}${first.url.includes('?') ? '&' : '?'}entry=old-version`;
  add(
    { ...detail('versioned', [{ type: first.type, url: first.url }]), version: '2.0.0' },
    { endpoints: [probed(first.url, first.type)] },
    'active',
    [detail('versioned', [{ type: first.type, url: oldUrl }])],
  );
  // The same URL as the registry may spell it: a scheme in capitals, a fragment (never sent).
  const spellings = [first.url, first.url.replace(/^http:/, 'HTTP:'), `${first.url}#tools`];
  spellings.forEach((url, index) => {
    add(detail(`duplicate-${index}`, [{ type: first.type, url }]), {
      endpoints: [probed(first.url, first.type)],
    });
  });

  const privateUrls = [
    'http://10.0.0.5/mcp',
    'http://192.168.1.10:8080/mcp',
    'http://[::1]:9/mcp',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:10.0.0.1]/mcp',
    'http://0x0a000001/mcp',
    'http://100.64.0.1/mcp',
  ];
  privateUrls.forEach((url, index) => {
    add(detail(`private-${index}`, [{ type: 'streamable-http', url }]), {
      endpoints: [probed(url, 'streamable-http', { skipReason: 'blocked_address' })],
    });
  });
  add(detail('opted-out', [{ type: 'streamable-http', url: `https://${OPTED_OUT_HOST}/mcp` }]), {
    endpoints: [probed(`https://${OPTED_OUT_HOST}/mcp`, 'streamable-http', { skipReason: 'opted_out' })],
  });

  const longUrl = `https://long.example.com/${'a'.repeat(3000)}`;
  add(
    detail('bad-urls', [
      { type: 'streamable-http', url: 'ftp://files.example.com/mcp' },
      { type: 'sse', url: 'not a url' },
      { type: 'streamable-http', url: longUrl },
      { type: 'streamable-http', url: 'https://user:pass@creds.example.com/mcp' },
      { type: 'websocket', url: 'wss://ws.example.com/mcp' },
      { type: 'streamable-http', url: 12345 },
      'not an object',
    ]),
    {
      listedOnly: [
        { url: 'ftp://files.example.com/mcp', skipReason: 'invalid_url' },
        { url: 'not a url', skipReason: 'invalid_url' },
        { url: longUrl, skipReason: 'invalid_url' },
        { url: 'https://user:pass@creds.example.com/mcp', skipReason: 'invalid_url' },
      ],
    },
  );
  add(detail('long-description', [], { description: 'd'.repeat(50_000), title: 't'.repeat(5_000) }));
  add(
    detail('packages-only', undefined, {
      packages: [{ registryType: 'npm', identifier: 'x', transport: { type: 'stdio' } }],
    }),
  );
  add(detail('remotes-not-array', 'https://example.com/mcp'), {});
  add({ name: 42, version: '1.0.0', description: 'numeric name' }, { invalid: true });
  add(
    { name: `${NS}/${'n'.repeat(300)}`, version: '1.0.0', description: 'name too long' },
    { invalid: true },
  );
  add({ name: `${NS}/no-version`, description: 'no version' }, { invalid: true });
  add(null, { invalid: true });
  const rawAt = stamp();
  entries.push({
    name: null,
    items: [
      {
        server: null,
        raw: 'just a string',
        status: 'active',
        isLatest: true,
        publishedAt: rawAt,
        updatedAt: rawAt,
      },
    ],
    expect: { invalid: true, status: 'active', endpoints: [], listedOnly: [] },
  });
  entries.push({
    name: `${NS}/bad-meta`,
    items: [
      {
        server: detail('bad-meta', []),
        raw: {
          server: detail('bad-meta', []),
          _meta: { 'io.modelcontextprotocol.registry/official': { status: 'weird' } },
        },
        status: 'active',
        isLatest: true,
        publishedAt: rawAt,
        updatedAt: rawAt,
      },
    ],
    expect: { invalid: true, status: 'active', endpoints: [], listedOnly: [] },
  });

  const bulkOrigin = options.bulkOrigin ?? origin.origin;
  for (let index = 0; index < (options.bulk ?? 0); index++) {
    const url = `${bulkOrigin}/bulk/${index}/mcp`;
    add(detail(`bulk-${String(index).padStart(6, '0')}`, [{ type: 'streamable-http', url }]), {
      endpoints: [probed(url, 'streamable-http')],
    });
  }
  return entries;
}

/** Every item of the catalog, in publication order, as `startRegistryFixture` takes them. */
export function catalogItems(entries: CatalogEntry[]): RegistryItem[] {
  return entries.flatMap((entry) => entry.items).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}
