import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Tool } from './probe-result.js';

/** Code-unit order, so every implementation sorts the same way whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * The tools in the form the schema hash covers: sorted by name and without the
 * tool-level `_meta`, which servers may vary between identical listings. Tools
 * that share a name are ordered by their canonical JSON, so the order a server
 * happens to list duplicates in never changes the hash. Nested objects are
 * shared with the input, not copied.
 */
export function normalizeTools(tools: readonly Tool[]): Tool[] {
  return tools
    .map(({ _meta, ...rest }): Tool => rest)
    .sort(
      (a, b) =>
        compareCodeUnits(a.name, b.name) || compareCodeUnits(canonicalize(a) ?? '', canonicalize(b) ?? ''),
    );
}

/** SHA-256 (lower-case hex) of the RFC 8785 canonical JSON of the normalized tools. */
export function computeSchemaHash(tools: readonly Tool[]): string {
  const canonical = canonicalize(normalizeTools(tools));
  if (canonical === undefined) {
    throw new Error('tools cannot be canonicalized as JSON');
  }
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
