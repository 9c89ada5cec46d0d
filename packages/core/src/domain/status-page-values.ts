/**
 * Status pages (docs/status-pages.md): what an organisation may publish and how much of it.
 * Browser-safe, so the dashboard validates with the same lists and bounds the API does.
 */

/**
 * What a page may show beside each monitor's current state, which it always shows:
 * `history` the 90 daily bars, `uptime` the uptime figures (docs/uptime.md), `latency` the
 * p95 of the last 24 hours, `mcp` the protocol version, tool count and last schema change,
 * `incidents` the active and past incidents and maintenance with their posted updates.
 */
export const STATUS_PAGE_FIGURES = ['history', 'uptime', 'latency', 'mcp', 'incidents'] as const;
export type StatusPageFigure = (typeof STATUS_PAGE_FIGURES)[number];

/**
 * Where an owner says an incident stands, as status pages commonly do: each update posted to
 * an incident carries one. An incident's own start and end remain what the checks confirmed.
 */
export const INCIDENT_UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentUpdateStatus = (typeof INCIDENT_UPDATE_STATUSES)[number];

/** A slug: lower-case letters, digits and inner hyphens, as it appears in `/status/<slug>`. */
export const STATUS_PAGE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/**
 * Slugs that would read as mcpulse's own: refused so no page can pass itself off as the
 * operator's, and so paths under `/status/` stay free for the product.
 */
export const RESERVED_STATUS_PAGE_SLUGS: readonly string[] = [
  'admin',
  'api',
  'assets',
  'feed',
  'mcpulse',
  'new',
  'official',
  'status',
  'support',
];

export const STATUS_PAGE_LIMITS = {
  slugChars: 48,
  titleChars: 120,
  descriptionChars: 2_000,
  logoUrlChars: 2_048,
  /** A host name, as DNS bounds it. */
  customDomainChars: 253,
  groups: 20,
  groupNameChars: 120,
  /** Monitors on one page, across its groups. */
  monitors: 100,
  displayNameChars: 120,
  /** Pages per organisation. */
  pagesPerOrganization: 25,
  updateMessageChars: 5_000,
  /** Updates one incident may carry. */
  updatesPerIncident: 100,
  /** Incidents a page lists as past, newest first, and how far back it looks. */
  pastIncidents: 20,
  pastIncidentDays: 14,
  /** Entries in a page's Atom and JSON feeds. */
  feedEntries: 50,
  /** Confirmed and pending webhook subscribers per page. */
  subscribersPerPage: 1_000,
  /**
   * Confirmed and pending webhook subscribers of all of an organisation's pages together: fewer than
   * pages × subscribersPerPage, so one organisation's fan-out stays a bounded share of the sender.
   */
  subscribersPerOrganization: 5_000,
} as const;

/** How long a browser or a proxy may keep a status page or its feeds. */
export const STATUS_PAGE_MAX_AGE_SECONDS = 30;
