/**
 * What a monitor's results say about one of its server's traits (its tool
 * schema, its protocol, its release), confirmed the same way for each: a new
 * value must be seen in `CHANGE_CONFIRMATIONS` results in a row before it
 * replaces the confirmed one. Results are taken in slot order across every
 * region, so one server behind a load balancer that is mid-deploy, one odd
 * region, or one odd response announces no change (and no change back). A
 * result that says nothing of the trait (`null`) neither breaks nor extends a
 * streak.
 */
export interface ValueTracking<T> {
  confirmed: T | null;
  candidate: T | null;
  /** Sightings of `candidate` in a row. */
  seen: number;
  /** The slot of the first sighting in the candidate's streak. */
  candidateSince: string | null;
}

/** Sightings in a row that turn a candidate into the confirmed value. */
export const CHANGE_CONFIRMATIONS = 2;

export interface ConfirmedChange<T> {
  from: T;
  to: T;
  /** The slot of the first result of the streak that confirmed `to`. */
  firstSeenAt: string;
}

export function emptyTracking<T>(): ValueTracking<T> {
  return { confirmed: null, candidate: null, seen: 0, candidateSince: null };
}

/**
 * Applies one observation (`null`: the result says nothing of the trait) made
 * at `slot`. The first value ever seen is where the monitor starts, not a
 * change to report.
 */
export function trackValue<T>(
  tracking: ValueTracking<T>,
  observed: T | null,
  slot: string,
  same: (a: T, b: T) => boolean,
): { tracking: ValueTracking<T>; change: ConfirmedChange<T> | null } {
  if (observed === null) return { tracking, change: null };
  const reset = { candidate: null, seen: 0, candidateSince: null };
  if (tracking.confirmed === null) return { tracking: { confirmed: observed, ...reset }, change: null };
  if (same(observed, tracking.confirmed)) return { tracking: { ...tracking, ...reset }, change: null };
  const again = tracking.candidate !== null && same(observed, tracking.candidate);
  const seen = again ? tracking.seen + 1 : 1;
  const since = again ? (tracking.candidateSince ?? slot) : slot;
  if (seen >= CHANGE_CONFIRMATIONS) {
    return {
      tracking: { confirmed: observed, ...reset },
      change: { from: tracking.confirmed, to: observed, firstSeenAt: since },
    };
  }
  return { tracking: { ...tracking, candidate: observed, seen, candidateSince: since }, change: null };
}
