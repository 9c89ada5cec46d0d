import { createHash } from 'node:crypto';
import { computeSchemaHash, type Tool } from '@mcpulse/core';

const MAX_ENTRIES = 2_048;
const cache = new Map<string, string>();

/** JSON.stringify writes Infinity as null; a listing with Infinity must not share null's entry (it cannot be hashed). */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? `\u0000${value}` : value;
}

/**
 * The schema hash, remembered by a digest of the listing as parsed: a server
 * that lists the same tools check after check (nearly all of them) costs a
 * JSON.stringify and a SHA-256 instead of a full RFC 8785 canonicalization.
 * Equal listings always have equal digests, so the cache can never answer
 * a different hash than computeSchemaHash would.
 */
export function cachedSchemaHash(tools: readonly Tool[]): string {
  const key = createHash('sha256').update(JSON.stringify(tools, keepNonFinite)).digest('base64');
  const known = cache.get(key);
  if (known !== undefined) {
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const hash = computeSchemaHash(tools);
  cache.set(key, hash);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return hash;
}
