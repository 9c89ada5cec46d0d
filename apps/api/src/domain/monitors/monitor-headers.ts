import { seal, unseal, ValidationFailed } from '@mcpulse/core';

/** What a header value reads as in every response; sent back unchanged it means "keep the saved value". */
export const MASKED_HEADER_VALUE = '••••••';
export const MAX_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 4096;

/** Headers the probe owns: letting a monitor override them would break the MCP exchange or the request framing. */
export const FORBIDDEN_HEADER_NAMES: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'content-type',
  'accept',
  'transfer-encoding',
  'connection',
  'mcp-session-id',
  'mcp-protocol-version',
  'mcp-method',
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Node refuses to send anything outside tab, visible ASCII and obs-text.
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

export interface HeaderProblem {
  /** The header at fault, or null when the set as a whole is. */
  name: string | null;
  message: string;
}

function valueProblem(value: string): string | null {
  // A mask is resolved against the saved headers by the verb, not here.
  if (value === MASKED_HEADER_VALUE) return null;
  if (/[\r\n\0]/.test(value)) return 'must not contain CR, LF or NUL';
  if (UNSENDABLE.test(value)) return 'contains a character HTTP cannot carry';
  if (value.length > MAX_HEADER_VALUE_LENGTH) return `at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  return null;
}

function nameProblem(name: string, seen: ReadonlySet<string>): string | null {
  if (!TOKEN.test(name)) return 'not a valid HTTP header name';
  if (FORBIDDEN_HEADER_NAMES.has(name.toLowerCase())) return 'set by the probe itself';
  if (seen.has(name.toLowerCase())) return 'given twice (names are case-insensitive)';
  return null;
}

/** The rules every submitted header set must meet, whatever the monitor already holds. */
export function headerProblems(headers: Record<string, string>): HeaderProblem[] {
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADERS) return [{ name: null, message: `at most ${MAX_HEADERS} headers` }];
  const problems: HeaderProblem[] = [];
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    const message = nameProblem(name, seen) ?? valueProblem(value);
    if (message !== null) problems.push({ name, message });
    seen.add(name.toLowerCase());
  }
  return problems;
}

/**
 * Replaces masked values with the saved ones, matching names case-insensitively;
 * a mask with nothing saved behind it is the client's mistake.
 */
export function keepMaskedValues(
  submitted: Record<string, string>,
  saved: Record<string, string>,
): Record<string, string> {
  const savedByName = new Map(Object.entries(saved).map(([name, value]) => [name.toLowerCase(), value]));
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(submitted)) {
    if (value !== MASKED_HEADER_VALUE) {
      resolved[name] = value;
      continue;
    }
    const kept = savedByName.get(name.toLowerCase());
    if (kept === undefined) {
      throw new ValidationFailed(
        `headers.${name}`,
        'the masked value keeps a saved value, and none is saved',
      );
    }
    resolved[name] = kept;
  }
  return resolved;
}

/** Binding the ciphertext to the monitor id stops a sealed value being copied onto another monitor. */
function context(monitorId: string): string {
  return `monitor-headers:${monitorId}`;
}

export function sealHeaders(
  secretKey: Buffer,
  monitorId: string,
  headers: Record<string, string>,
): { headersSealed: string | null; headerNames: string[] } {
  const headerNames = Object.keys(headers);
  if (headerNames.length === 0) return { headersSealed: null, headerNames };
  return { headersSealed: seal(secretKey, JSON.stringify(headers), context(monitorId)), headerNames };
}

export function unsealHeaders(
  secretKey: Buffer,
  monitorId: string,
  headersSealed: string | null,
): Record<string, string> {
  if (headersSealed === null) return {};
  return JSON.parse(unseal(secretKey, headersSealed, context(monitorId))) as Record<string, string>;
}

export function maskHeaders(headerNames: readonly string[]): Record<string, typeof MASKED_HEADER_VALUE> {
  return Object.fromEntries(headerNames.map((name) => [name, MASKED_HEADER_VALUE]));
}
