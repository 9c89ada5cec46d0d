/** Bounds on a maintenance window (docs/maintenance.md), so expanding a rule stays cheap. */
export const MAINTENANCE_LIMITS = {
  titleChars: 200,
  timeZoneChars: 64,
  rruleChars: 500,
  minDurationMs: 60_000,
  maxDurationMs: 7 * 86_400_000,
  /** Occurrences kept ahead of now; the leader extends them as time passes. */
  horizonMs: 35 * 86_400_000,
  maxOccurrencesPerExpansion: 500,
} as const;
