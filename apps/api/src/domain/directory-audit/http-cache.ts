import { createHash } from 'node:crypto';

/** Public, and shared caches may keep it as long as the API does: the figures move with checks, minutes apart. */
export const AUDIT_CACHE_CONTROL = 'public, max-age=60';

/** A strong validator of a representation's bytes. */
export function etagOf(representation: string): string {
  return `"${createHash('sha256').update(representation).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 §13.1.2: weak comparison, a list of tags or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
