/**
 * Every bound mcpulse puts on what a monitored server sends before it is
 * stored or forwarded, in one place. Lengths are in UTF-16 code units (what
 * JavaScript and the API count as characters); a cut string ends with
 * `… [truncated, N characters]`, N being its length as the server sent it,
 * and the note counts toward the cap.
 */
export const STORABLE_LIMITS = {
  /** A result's error message: an excerpt, enough to say what went wrong. */
  errorMessageChars: 1_024,
  /** Every MCP revision is a ten-character date; the cap only stops abuse. */
  protocolVersionChars: 64,
  /** Any string inside `serverInfo` or `capabilities`. */
  serverFieldChars: 512,
  /** Levels of nesting kept in `serverInfo` and `capabilities`; deeper values become a note. */
  serverDepth: 16,
  /** Members and items kept across all of `serverInfo` (and, separately, `capabilities`). */
  serverEntries: 256,
  /** A tool's `name` and `title` (the spec suggests names of at most 128 characters). */
  toolNameChars: 256,
  /** A tool's `description`. */
  toolDescriptionChars: 16_384,
  /** Any other string inside a tool: schema descriptions, enum values, defaults, annotations. */
  toolStringChars: 4_096,
  /** Levels of nesting kept inside a tool listing (the list is level 0, a tool level 1). */
  toolDepth: 64,
  /** Any object key, at any depth. */
  keyChars: 256,
  /** A URL in a result's `auth` block (metadata URL, resource, authorization server, issuer). */
  authUrlChars: 2_048,
  /** Authorization servers kept from protected resource metadata. */
  authServers: 16,
  /** Scopes kept from `scopes_supported`, each cut to `authScopeChars`. */
  authScopes: 64,
  authScopeChars: 256,
} as const;

/** Why a schema snapshot's tools were not kept (the change itself, and its hash, always are). */
export const SNAPSHOT_OMISSIONS = ['too_large', 'too_frequent'] as const;
export type SnapshotOmission = (typeof SNAPSHOT_OMISSIONS)[number];

/** Why a drift has no diff: a snapshot was never stored (or is gone), or its tools were not kept. */
export const MISSING_SNAPSHOT_REASONS = ['not_stored', ...SNAPSHOT_OMISSIONS] as const;
export type MissingSnapshotReason = (typeof MISSING_SNAPSHOT_REASONS)[number];

/**
 * What one monitor may keep of its tool schemas. A snapshot over `maxBytes`
 * is recorded as `too_large`; once a monitor kept `perDayCount` snapshots or
 * `perDayBytes` in the last `windowMs`, further new ones are recorded as
 * `too_frequent` (without their tools) until the window moves on. Bytes are
 * those of the tools' JSON in UTF-8. Concurrent ingesters may each admit one
 * more snapshot than the budget: it bounds growth, it is not an exact quota.
 */
export const SNAPSHOT_LIMITS = {
  maxBytes: 512 * 1024,
  perDayCount: 10,
  perDayBytes: 2 * 1024 * 1024,
  windowMs: 24 * 3_600_000,
} as const;
