import { pino } from 'pino';
import { CENSOR } from './redact-paths.js';

// Deep enough for `err.response.config.headers`; beyond it values pass through untouched.
const MAX_DEPTH = 6;
const SENSITIVE_KEYS = new Set(
  [
    'authorization',
    'password',
    'secret',
    'apiKey',
    'token',
    'webhookSecret',
    'arguments',
    'requestHeaders',
    'monitorHeaders',
  ].map((key) => key.toLowerCase()),
);
const SENSITIVE_HEADER = /authorization|cookie|api-key|apikey|token|secret|password/i;
// drizzle writes a failed query's parameter values into its message, and so into the stack, after `params: `.
const QUERY_PARAMS = /(\nparams: )[\s\S]*?(?=\n\s+at |$)/g;
// Node's ClientRequest keeps the raw request head (`_header`), and HTTP clients attach it to their errors.
const RAW_HEADER_LINE = /^((?:proxy-)?authorization|cookie|set-cookie|x-api-key)(:[ \t]*)[^\r\n]+/gim;

/**
 * pino's error serializer, plus scrubbing of credentials that HTTP client errors carry
 * (`err.headers`, `err.config.headers`, `err.request._header`, ...), which the path-based
 * redaction cannot reach at that depth.
 */
export function serializeError(err: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(err as Error);
  // Anything that is not error-like comes back as given and must not be modified in place.
  if (serialized === err) return scrub('', err, 1);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  // A serialized error is a fresh object, so its own keys may be rewritten; the values below them are
  // shared with the caller's error and are copied by `scrub` instead.
  const target = serialized as Record<string, unknown>;
  for (const key of Object.keys(target)) target[key] = scrub(key, target[key], 1);
  return target;
}

function scrub(key: string, value: unknown, depth: number): unknown {
  if (SENSITIVE_KEYS.has(key.toLowerCase())) return CENSOR;
  // A failed query's parameter values (drizzle's DrizzleQueryError): password hashes, tokens, user
  // input. JSON-RPC `params` are objects and keep their shape; their `arguments` are censored below.
  if (key === 'params' && Array.isArray(value)) return CENSOR;
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (/headers$/i.test(key)) return scrubHeaders(value);
  if (Array.isArray(value)) return value.map((item) => scrub('', item, depth + 1));
  // Values with their own JSON form (Date, URL, Buffer) are logged through it, as pino would.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const copy: Record<string, unknown> = {};
  for (const [name, nested] of Object.entries(value)) copy[name] = scrub(name, nested, depth + 1);
  return copy;
}

/** A string with header lines and query parameter values replaced by the censor mark. */
export function scrubText(text: string): string {
  return text.replace(RAW_HEADER_LINE, `$1$2${CENSOR}`).replace(QUERY_PARAMS, `$1${CENSOR}`);
}

function scrubHeaders(headers: object): Record<string, unknown> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(
    entries.map(([name, value]) => [name, SENSITIVE_HEADER.test(name) ? CENSOR : value] as const),
  );
}
