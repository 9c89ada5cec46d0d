import { createHash } from 'node:crypto';

/**
 * The strong validator of a representation's bytes, for every cacheable answer (badges, the
 * directory, the audit): it changes exactly when the bytes do, whatever produced them.
 */
export function etagOf(representation: string): string {
  return `"${createHash('sha256').update(representation).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names `etag` (RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
