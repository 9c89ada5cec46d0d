import { storableText } from '@mcpulse/core';
import { DIRECTORY_LIMITS, DIRECTORY_REMOTE_TYPES, type DirectoryRemoteType } from '@mcpulse/core/domain';
import type { DirectoryRemote } from '@mcpulse/db';

type Json = Record<string, unknown>;
type Header = DirectoryRemote['headers'][number];

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VARIABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a header or name must not carry
const UNSENDABLE_VALUE = /[\u0000-\u001f\u007f]|\{[^{}]*\}/;

/**
 * Headers the probe sets itself or that only the transport may carry: a registry declaring one
 * with a fixed value does not get it sent.
 */
const RESERVED_HEADERS = new Set([
  'accept',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'expect',
  'host',
  'keep-alive',
  'last-event-id',
  'mcp-protocol-version',
  'mcp-session-id',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
]);

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/**
 * An http(s) URL as an endpoint is keyed: WHATWG-normalized (scheme and host in lower case,
 * default port dropped, numeric hosts spelled out), without its fragment (never sent), without
 * credentials, within the length bound. Null for anything else.
 */
export function endpointUrl(raw: string): string | null {
  if (raw.length > DIRECTORY_LIMITS.urlChars || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.hostname === '') return null;
  url.hash = '';
  return url.href.length > DIRECTORY_LIMITS.urlChars ? null : url.href;
}

function header(value: unknown): Header | null {
  const declared = object(value);
  const name = declared?.name;
  if (
    !declared ||
    typeof name !== 'string' ||
    name.length > DIRECTORY_LIMITS.headerNameChars ||
    !TOKEN.test(name)
  )
    return null;
  const secret = declared.isSecret === true;
  const required = declared.isRequired === true;
  const given = declared.value;
  const fixed =
    !secret &&
    typeof given === 'string' &&
    given.length <= DIRECTORY_LIMITS.headerValueChars &&
    !UNSENDABLE_VALUE.test(given) &&
    !RESERVED_HEADERS.has(name.toLowerCase());
  return fixed ? { name, secret, required, fixed, value: given } : { name, secret, required, fixed };
}

/** Fills `{name}` from each variable's default; null when one has none (the remote is a template). */
function filled(template: string, variables: Json): string | null {
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_, name: string) => {
    const variable = object(variables[name]);
    const fallback = variable?.default ?? variable?.value;
    if (typeof fallback !== 'string' || fallback === '' || fallback.length > DIRECTORY_LIMITS.urlChars) {
      missing = true;
      return '';
    }
    return fallback;
  });
  return missing ? null : url;
}

/**
 * What the sync makes of one declared remote: its URL probed (template variables filled with
 * their defaults), or why it is only listed (`template`, `invalid_url`); the declared headers
 * with fixed non-secret values kept to be sent. Null for a remote of another transport or not a
 * remote at all (nothing to list).
 */
export function resolveRemote(value: unknown): DirectoryRemote | null {
  const remote = object(value);
  const type = remote?.type;
  if (!remote || typeof type !== 'string' || !(DIRECTORY_REMOTE_TYPES as readonly string[]).includes(type))
    return null;
  if (typeof remote.url !== 'string') return null;
  const declared = remote.url;
  const variables = object(remote.variables) ?? {};
  const headers = (Array.isArray(remote.headers) ? remote.headers : [])
    .slice(0, DIRECTORY_LIMITS.headersPerRemote)
    .map(header)
    .filter((one): one is Header => one !== null);
  const base = {
    type: type as DirectoryRemoteType,
    url: storableText(declared, DIRECTORY_LIMITS.urlChars),
    headers,
    variables: Object.keys(variables)
      .filter((name) => VARIABLE_NAME.test(name))
      .slice(0, DIRECTORY_LIMITS.variablesPerRemote),
  };
  if (declared.length > DIRECTORY_LIMITS.urlChars)
    return { ...base, resolvedUrl: null, skipReason: 'invalid_url' };
  const url = filled(declared, variables);
  if (url === null) return { ...base, resolvedUrl: null, skipReason: 'template' };
  const resolved = endpointUrl(url);
  if (resolved === null) return { ...base, resolvedUrl: null, skipReason: 'invalid_url' };
  return { ...base, resolvedUrl: resolved, skipReason: null };
}

/** A remote asks for a header no one can fill in from the registry: probed in auth discovery mode. */
export function needsSecretHeader(remote: DirectoryRemote): boolean {
  return remote.headers.some((one) => one.required && !one.fixed);
}

/** The fixed, non-secret header values a remote declares: public data, sent with each check. */
export function fixedHeaders(remote: DirectoryRemote): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const one of remote.headers) if (one.fixed && one.value !== undefined) headers[one.name] = one.value;
  return headers;
}
