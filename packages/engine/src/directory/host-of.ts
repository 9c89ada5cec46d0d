/**
 * The host a directory check's politeness is counted by, as `directory_endpoints.host` holds it: lower
 * case, with a non-default port. A URL that does not parse is its own host (its check fails anyway).
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
