/**
 * The public MCP directory (docs/directory.md): the value lists and limits every other part
 * (db columns, sync, probe jobs, API schemas, dashboard) derives from.
 */
import type { ProbeErrorCode, ProbeStatus } from './probe-values.js';

/**
 * The organisation that owns every directory monitor. It has no members, so no session or API
 * key can ever act for it; migration 0014 creates it. Directory monitors go through the same
 * scheduler, probe, ingest, state machine and storage as everyone else's.
 */
export const DIRECTORY_ORGANIZATION_ID = '00000000-0000-4000-8000-00000000d1e0';

/** A registry entry's status upstream (`_meta["io.modelcontextprotocol.registry/official"].status`). */
export const DIRECTORY_ENTRY_STATUSES = ['active', 'deprecated', 'deleted'] as const;
export type DirectoryEntryStatus = (typeof DIRECTORY_ENTRY_STATUSES)[number];

/** The remote transports a registry entry may declare; packages (stdio) are not probed. */
export const DIRECTORY_REMOTE_TYPES = ['streamable-http', 'sse'] as const;
export type DirectoryRemoteType = (typeof DIRECTORY_REMOTE_TYPES)[number];

/**
 * Why a declared remote is listed but never fetched, or why an endpoint is not probed.
 * - `template`: its URL has a variable without a default.
 * - `invalid_url`: not an absolute http(s) URL, or over the length bound.
 * - `blocked_address`: a literal loopback, private or link-local address (names are checked at
 *   each probe, where a refusal is the `blocked_address` error code).
 * - `opted_out`: its host is on the operator's opt-out list.
 * - `retired`: no active, latest entry lists it any more (it keeps its history).
 */
export const DIRECTORY_SKIP_REASONS = [
  'template',
  'invalid_url',
  'blocked_address',
  'opted_out',
  'retired',
] as const;
export type DirectorySkipReason = (typeof DIRECTORY_SKIP_REASONS)[number];

/** Whether an endpoint can be probed with what the registry declares. */
export const DIRECTORY_AUTH_REQUIREMENTS = ['none', 'secret_header'] as const;
export type DirectoryAuthRequirement = (typeof DIRECTORY_AUTH_REQUIREMENTS)[number];

/** Bounds on what a registry sends: longer values are cut (text) or the item refused (URLs, names). */
export const DIRECTORY_LIMITS = {
  nameChars: 200,
  versionChars: 100,
  titleChars: 200,
  descriptionChars: 2_000,
  urlChars: 2_048,
  remotesPerEntry: 16,
  headersPerRemote: 16,
  headerNameChars: 128,
  headerValueChars: 1_024,
  variablesPerRemote: 16,
  /** One page of a registry's list answer, in bytes; a larger page is refused. */
  pageBytes: 8 * 1024 * 1024,
  /** Pages read in one sync of one registry (100 per page: 200,000 entries). */
  pagesPerSync: 2_000,
  /** The official metadata kept per entry, as JSON bytes. */
  metaBytes: 4_096,
} as const;

export const DIRECTORY_DEFAULTS = {
  registryUrls: ['https://registry.modelcontextprotocol.io'],
  syncIntervalSeconds: 6 * 60 * 60,
  intervalSeconds: 300,
  timeoutMs: 10_000,
  /** Least time between two checks of one host, from any region worker. */
  hostSpacingMs: 2_000,
} as const;

/**
 * The audit's outcome buckets (docs/directory.md, "Audit"), in report order. An endpoint's
 * bucket is its latest check's, by `auditBucketOf`: one definition for the pages, the API and
 * the daily series.
 */
export const AUDIT_BUCKETS = [
  'mcp_up',
  'http_alive_mcp_dead',
  'auth_required',
  'dns',
  'tls',
  'refused',
  'timeout',
  'blocked_address',
] as const;
export type AuditBucket = (typeof AUDIT_BUCKETS)[number];

export const AUDIT_BUCKET_LABELS: Record<AuditBucket, string> = {
  mcp_up: 'MCP up',
  http_alive_mcp_dead: 'HTTP alive, MCP dead',
  auth_required: 'Auth required',
  dns: 'DNS',
  tls: 'TLS',
  refused: 'Refused',
  timeout: 'Timeout',
  blocked_address: 'Blocked address',
};

const AUTH_CODES: ReadonlySet<ProbeErrorCode> = new Set([
  'auth_failed',
  'auth_discovery_failed',
  'token_error',
  'consent_revoked',
]);

/** What `auditBucketOf` reads of a check. */
export interface AuditInput {
  status: ProbeStatus;
  errorCode: ProbeErrorCode | null;
  httpAlive: boolean;
  /** The result's auth block said the endpoint asked for authorization. */
  authRequired: boolean;
}

/**
 * The bucket of one check. Order matters: a refused address is never "refused"; an endpoint
 * that asked for authorization is "auth required" whether its discovery worked (up in auth
 * discovery mode: we cannot see its tools) or not; any other failure after an HTTP answer is
 * "HTTP alive, MCP dead"; then the network failures by kind.
 */
export function auditBucketOf(check: AuditInput): AuditBucket {
  if (check.errorCode === 'blocked_address') return 'blocked_address';
  if (check.authRequired || (check.errorCode !== null && AUTH_CODES.has(check.errorCode)))
    return 'auth_required';
  if (check.status !== 'down') return 'mcp_up';
  if (check.httpAlive) return 'http_alive_mcp_dead';
  switch (check.errorCode) {
    case 'dns_failure':
      return 'dns';
    case 'tls_error':
      return 'tls';
    case 'connection_refused':
    case 'connection_reset':
      return 'refused';
    case 'connect_timeout':
    case 'timeout':
      return 'timeout';
    default:
      return 'http_alive_mcp_dead';
  }
}
