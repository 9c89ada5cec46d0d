import type { IncomingMessage, ServerResponse } from 'node:http';
import { startRawServer } from './http-server.js';

/**
 * A registry implementing the generic MCP registry API's list (`GET /v0.1/servers`, from the
 * official OpenAPI document, modelcontextprotocol/registry docs/reference/api/openapi.yaml):
 * opaque cursor pagination (`metadata.nextCursor`, `metadata.count`), `limit`, `search`
 * (substring of the name), `version` (`latest` or an exact version), `updated_since` (RFC 3339)
 * and `include_deleted` (false by default, always true with `updated_since`). Each item is a
 * ServerResponse: `server` (a ServerDetail, or anything at all for malformed entries) and
 * `_meta["io.modelcontextprotocol.registry/official"]`.
 */

export const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

export type RegistryStatus = 'active' | 'deprecated' | 'deleted';

/** One server version the registry holds. */
export interface RegistryItem {
  /** The ServerDetail as served; malformed entries put anything here. */
  server: unknown;
  status: RegistryStatus;
  isLatest: boolean;
  publishedAt: string;
  updatedAt: string;
  statusMessage?: string;
  /** Served instead of the whole ServerResponse (for items of the wrong shape). */
  raw?: unknown;
}

/** What a request gets instead of its page: a status, a hang, a body that is no JSON, or a huge one. */
export type RegistryFault =
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'wrong-shape' };

export interface RegistryFixtureOptions {
  items?: RegistryItem[];
  /** The most items a page holds, whatever `limit` asks (the official registry: 100). */
  maxLimit?: number;
  /** Items per page when `limit` is absent (the official registry: 30). */
  defaultLimit?: number;
}

export interface RegistryFixture {
  /** The registry's base URL (no trailing slash): the list is `<url>/v0.1/servers`. */
  url: string;
  items: RegistryItem[];
  /** Faults for the next list requests, in order; then requests are answered. */
  faults: RegistryFault[];
  /** Fault every list request whose cursor is past this many items (a registry dying mid-sync). */
  failAfterItems: number | null;
  /** The query of every list request, in arrival order. */
  requests: URLSearchParams[];
  /** Publishes a new version of `server.name`: the previous latest stops being latest. */
  publish(server: Record<string, unknown>, at?: Date, status?: RegistryStatus): RegistryItem;
  /** Changes the status of every version of a server (PATCH /v0.1/servers/{name}/status). */
  setStatus(name: string, status: RegistryStatus, at?: Date): void;
  /** Drops a server outright, as a registry that forgets an entry does. */
  remove(name: string): void;
  close(): Promise<void>;
}

/** The item's server name, when it has a string one. */
export function itemName(item: RegistryItem): string | null {
  const server = item.server as { name?: unknown } | null;
  return typeof server === 'object' && server !== null && typeof server.name === 'string'
    ? server.name
    : null;
}

function itemVersion(item: RegistryItem): string | null {
  const server = item.server as { version?: unknown } | null;
  return typeof server === 'object' && server !== null && typeof server.version === 'string'
    ? server.version
    : null;
}

/** A ServerResponse as the registry answers it. */
export function serverResponse(item: RegistryItem): unknown {
  if (item.raw !== undefined) return item.raw;
  return {
    server: item.server,
    _meta: {
      [OFFICIAL_META]: {
        status: item.status,
        ...(item.statusMessage ? { statusMessage: item.statusMessage } : {}),
        publishedAt: item.publishedAt,
        updatedAt: item.updatedAt,
        isLatest: item.isLatest,
      },
    },
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^o:(\d+)$/.exec(text);
  return match ? Number(match[1]) : null;
}

function selected(items: RegistryItem[], query: URLSearchParams): RegistryItem[] | string {
  const since = query.get('updated_since');
  let sinceMs: number | null = null;
  if (since !== null) {
    sinceMs = Date.parse(since);
    if (Number.isNaN(sinceMs)) return 'updated_since must be an RFC3339 date-time';
  }
  const includeDeleted = since !== null || query.get('include_deleted') === 'true';
  const version = query.get('version');
  const search = query.get('search');
  return items.filter((item) => {
    if (!includeDeleted && item.status === 'deleted') return false;
    if (sinceMs !== null && Date.parse(item.updatedAt) <= sinceMs) return false;
    if (version === 'latest' && !item.isLatest) return false;
    if (version !== null && version !== 'latest' && itemVersion(item) !== version) return false;
    if (search !== null && !(itemName(item) ?? '').includes(search)) return false;
    return true;
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendFault(res: ServerResponse, fault: RegistryFault): void {
  switch (fault.kind) {
    case 'status':
      sendJson(res, fault.status, { error: 'fault' });
      return;
    case 'hang':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"servers":[');
      return;
    case 'garbage':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>not json</html>');
      return;
    case 'oversize': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const filler = JSON.stringify({ servers: [], metadata: { pad: 'x'.repeat(fault.bytes) } });
      res.end(filler);
      return;
    }
    case 'wrong-shape':
      sendJson(res, 200, { servers: 'none', metadata: { nextCursor: 42 } });
      return;
  }
}

/** Starts a registry on loopback serving `items` (a list the test may change at any time). */
export async function startRegistryFixture(options: RegistryFixtureOptions = {}): Promise<RegistryFixture> {
  const maxLimit = options.maxLimit ?? 100;
  const defaultLimit = options.defaultLimit ?? 30;
  const fixture: Omit<RegistryFixture, 'url' | 'close'> = {
    items: [...(options.items ?? [])],
    faults: [],
    failAfterItems: null,
    requests: [],
    publish(server, at = new Date(), status = 'active') {
      const stamp = at.toISOString();
      for (const item of fixture.items) {
        if (itemName(item) === server.name && item.isLatest) {
          item.isLatest = false;
          item.updatedAt = stamp;
        }
      }
      const item: RegistryItem = { server, status, isLatest: true, publishedAt: stamp, updatedAt: stamp };
      fixture.items.push(item);
      return item;
    },
    setStatus(name, status, at = new Date()) {
      for (const item of fixture.items) {
        if (itemName(item) !== name) continue;
        item.status = status;
        item.updatedAt = at.toISOString();
      }
    },
    remove(name) {
      fixture.items = fixture.items.filter((item) => itemName(item) !== name);
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://registry.invalid');
    if (req.method !== 'GET' || url.pathname.replace(/\/$/, '') !== '/v0.1/servers') {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }
    fixture.requests.push(url.searchParams);
    const fault = fixture.faults.shift();
    if (fault) {
      sendFault(res, fault);
      return;
    }
    const cursor = url.searchParams.get('cursor');
    const offset = cursor === null ? 0 : decodeCursor(cursor);
    if (offset === null) {
      sendJson(res, 400, { error: 'invalid cursor' });
      return;
    }
    if (fixture.failAfterItems !== null && offset >= fixture.failAfterItems) {
      sendJson(res, 503, { error: 'unavailable' });
      return;
    }
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? defaultLimit : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) {
      sendJson(res, 400, { error: 'limit must be a positive integer' });
      return;
    }
    const matching = selected(fixture.items, url.searchParams);
    if (typeof matching === 'string') {
      sendJson(res, 400, { error: matching });
      return;
    }
    const page = matching.slice(offset, offset + Math.min(limit, maxLimit));
    const next = offset + page.length;
    sendJson(res, 200, {
      servers: page.map(serverResponse),
      metadata: { count: page.length, ...(next < matching.length ? { nextCursor: encodeCursor(next) } : {}) },
    });
  };

  const raw = await startRawServer(handle);
  return Object.assign(fixture, { url: raw.url, close: raw.close });
}
