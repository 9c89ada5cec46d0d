import { MASKED_HEADER_VALUE, MONITOR_LIMITS, PROBE_OWNED_HEADER_NAMES } from './domain/monitor-values.js';
import { ValidationFailed } from './domain-errors.js';
import { seal, unseal } from './secret-box.js';

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(PROBE_OWNED_HEADER_NAMES);
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
  if (value.length > MONITOR_LIMITS.headers.valueLength)
    return `at most ${MONITOR_LIMITS.headers.valueLength} characters`;
  return null;
}

function nameProblem(name: string, seen: ReadonlySet<string>): string | null {
  if (!TOKEN.test(name)) return 'not a valid HTTP header name';
  if (FORBIDDEN_NAMES.has(name.toLowerCase())) return 'set by the probe itself';
  if (seen.has(name.toLowerCase())) return 'given twice (names are case-insensitive)';
  return null;
}

/** The rules every submitted header set must meet, whatever the monitor already holds. */
export function headerProblems(headers: Record<string, string>): HeaderProblem[] {
  const entries = Object.entries(headers);
  const max = MONITOR_LIMITS.headers.max;
  if (entries.length > max) return [{ name: null, message: `at most ${max} headers` }];
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

/** A monitor's request headers as stored: sealed with AES-256-GCM, only their names in clear. */
export function sealMonitorHeaders(
  secretKey: Buffer,
  monitorId: string,
  headers: Record<string, string>,
): { headersSealed: string | null; headerNames: string[] } {
  const headerNames = Object.keys(headers);
  if (headerNames.length === 0) return { headersSealed: null, headerNames };
  return { headersSealed: seal(secretKey, JSON.stringify(headers), context(monitorId)), headerNames };
}

export function unsealMonitorHeaders(
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
