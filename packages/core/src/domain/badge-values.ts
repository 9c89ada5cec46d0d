/**
 * Badges (docs/badges.md): what a public monitor's badges show and how they may be drawn.
 * Browser-safe, so the dashboard builds its snippets from the same lists the API validates.
 */

/** Each badge a monitor offers, in the order the dashboard lists them. */
export const BADGE_KINDS = [
  'status',
  'uptime-24h',
  'uptime-7d',
  'uptime-30d',
  'uptime-90d',
  'p95',
  'tools',
  'protocol',
] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** The shields.io styles mcpulse draws; `flat` unless the URL asks for another. */
export const BADGE_STYLES = ['flat', 'flat-square', 'for-the-badge'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

/** `.svg` is the image; `.json` is the shields.io endpoint-badge document of the same badge. */
export const BADGE_FORMATS = ['svg', 'json'] as const;
export type BadgeFormat = (typeof BADGE_FORMATS)[number];

/** The label each badge carries unless the URL's `label` replaces it. */
export const BADGE_LABELS: Record<BadgeKind, string> = {
  status: 'mcp',
  'uptime-24h': 'uptime 24h',
  'uptime-7d': 'uptime 7d',
  'uptime-30d': 'uptime 30d',
  'uptime-90d': 'uptime 90d',
  p95: 'p95 24h',
  tools: 'tools',
  protocol: 'mcp protocol',
};

export const BADGE_LIMITS = {
  /** A label chosen in the URL; longer is a 400. */
  labelChars: 64,
  /**
   * A value that came from the monitored server (its protocol version) is cut to this many
   * characters on a badge, so a hostile server cannot make a badge as wide as it likes.
   */
  serverTextChars: 24,
} as const;

/** How long a client or proxy may keep a badge before asking again (`Cache-Control: max-age`). */
export const BADGE_MAX_AGE_SECONDS = 60;

/** The path of one badge, relative to the API's origin. */
export function badgePath(monitorId: string, kind: BadgeKind, format: BadgeFormat = 'svg'): string {
  return `/api/v1/public/monitors/${encodeURIComponent(monitorId)}/badges/${kind}.${format}`;
}
