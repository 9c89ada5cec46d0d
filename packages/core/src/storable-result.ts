import { STORABLE_LIMITS as LIMITS } from './domain/storage-limits.js';
import type { ProbeAuthReport, ProbeError, ProbeResult, ServerInfo, Tool } from './probe-result.js';
import { type JsonBounds, storableJson } from './storable-json.js';
import { type Scrub, secretScrubber, storableText } from './storable-text.js';

/** A probe result with the tools it listed: what a check reports and ingest stores. */
export interface ResultWithTools {
  result: ProbeResult;
  tools: readonly Tool[] | null;
}

export interface StorableResult {
  result: ProbeResult;
  tools: Tool[] | null;
}

const SERVER_BOUNDS: JsonBounds = {
  maxDepth: LIMITS.serverDepth,
  maxEntries: LIMITS.serverEntries,
  keyChars: LIMITS.keyChars,
  stringChars: () => LIMITS.serverFieldChars,
};

/** The tool list is level 0 and each tool level 1, where its own fields have caps of their own. */
const TOOL_BOUNDS: JsonBounds = {
  maxDepth: LIMITS.toolDepth,
  // The snapshot size cap bounds a listing as a whole; dropping tools would falsify it.
  maxEntries: Number.POSITIVE_INFINITY,
  keyChars: LIMITS.keyChars,
  stringChars: (key, level) => {
    if (level === 1 && (key === 'name' || key === 'title')) return LIMITS.toolNameChars;
    if (level === 1 && key === 'description') return LIMITS.toolDescriptionChars;
    return LIMITS.toolStringChars;
  },
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function storableError(error: ProbeError, scrub: Scrub): ProbeError {
  const { httpStatus, rpcCode, ...rest } = error;
  const stored: ProbeError = {
    ...rest,
    message: storableText(error.message, LIMITS.errorMessageChars, scrub),
  };
  // Both are integer columns: a JSON-RPC code past 32 bits would make Postgres refuse the row.
  if (Number.isInteger(httpStatus) && (httpStatus as number) >= 0 && (httpStatus as number) <= 999) {
    stored.httpStatus = httpStatus;
  }
  if (Number.isInteger(rpcCode) && (rpcCode as number) >= INT32_MIN && (rpcCode as number) <= INT32_MAX) {
    stored.rpcCode = rpcCode;
  }
  return stored;
}

function storableServerInfo(info: ServerInfo, scrub: Scrub): ServerInfo {
  const stored = storableJson(info, SERVER_BOUNDS, scrub) as Record<string, unknown>;
  // The contract guarantees both, so no budget may trim them away.
  const field = (value: unknown) =>
    storableText(typeof value === 'string' ? value : '', LIMITS.serverFieldChars, scrub);
  return { ...stored, name: field(info.name), version: field(info.version) };
}

function storableAuth(auth: ProbeAuthReport, scrub: Scrub): ProbeAuthReport {
  const url = (value: string | null) =>
    value === null ? null : storableText(value, LIMITS.authUrlChars, scrub);
  const list = (values: readonly string[], max: number, chars: number) =>
    values.slice(0, max).map((value) => storableText(String(value), chars, scrub));
  return {
    required: auth.required,
    mode: auth.mode,
    resourceMetadataUrl: url(auth.resourceMetadataUrl),
    resource: url(auth.resource),
    authorizationServers: list(auth.authorizationServers, LIMITS.authServers, LIMITS.authUrlChars),
    issuer: url(auth.issuer),
    tokenEndpoint: url(auth.tokenEndpoint),
    scopesSupported: list(auth.scopesSupported, LIMITS.authScopes, LIMITS.authScopeChars),
    failedStep: auth.failedStep,
    reason: auth.reason === null ? null : storableText(auth.reason, LIMITS.errorMessageChars, scrub),
  };
}

/**
 * The one boundary where what a server sent becomes storable: every string
 * it controlled (the error message, protocolVersion, serverInfo and
 * capabilities at any depth, tools at any depth, keys included, and the auth
 * block's URLs, scopes and reason) is scrubbed
 * of the monitor's header values, cut to the caps of STORABLE_LIMITS, and
 * freed of what Postgres refuses (NUL, lone surrogates); nesting and size
 * are bounded. Pure, and idempotent: the probe applies it, and ingest again
 * for results from workers that predate it (ingest has no header values).
 * The schema hash is left as it is: whoever hashes decides what it covers.
 */
export function storableResult(
  report: ResultWithTools,
  headerValues: readonly string[] = [],
): StorableResult {
  const scrub = secretScrubber(headerValues);
  const { result } = report;
  return {
    result: {
      ...result,
      error: result.error ? storableError(result.error, scrub) : null,
      protocolVersion:
        result.protocolVersion === null
          ? null
          : storableText(result.protocolVersion, LIMITS.protocolVersionChars, scrub),
      serverInfo: result.serverInfo ? storableServerInfo(result.serverInfo, scrub) : null,
      capabilities: result.capabilities
        ? (storableJson(result.capabilities, SERVER_BOUNDS, scrub) as Record<string, unknown>)
        : null,
      // Results from a probe worker one release older have no auth block.
      auth: result.auth ? storableAuth(result.auth, scrub) : null,
    },
    tools: report.tools ? (storableJson(report.tools, TOOL_BOUNDS, scrub) as Tool[]) : null,
  };
}
