import { CHANGE_CONFIRMATIONS, trackValue } from './confirmed-value.js';
import type { ObservedResult } from './monitor-machine-types.js';

export interface DriftTracking {
  schemaHash: string | null;
  candidateSchemaHash: string | null;
  candidateSeen: number;
}

/** Sightings in a row that turn a candidate hash into the confirmed one. */
export const DRIFT_CONFIRMATIONS = CHANGE_CONFIRMATIONS;

/**
 * Follows the tool schema a monitor serves, confirmed as every trait is
 * (`trackValue`): a new hash must be seen twice in a row before it counts.
 * Only results that listed tools carry a schema: a failing result says
 * nothing about it and neither breaks nor extends a sighting streak.
 */
export function trackSchemaHash(
  tracking: DriftTracking,
  result: ObservedResult,
): { tracking: DriftTracking; drift: { fromHash: string; toHash: string } | null } {
  const hash = result.status === 'down' ? null : result.schemaHash;
  const next = trackValue(
    {
      confirmed: tracking.schemaHash,
      candidate: tracking.candidateSchemaHash,
      seen: tracking.candidateSeen,
      candidateSince: null,
    },
    hash,
    result.slot,
    (a, b) => a === b,
  );
  return {
    tracking: {
      schemaHash: next.tracking.confirmed,
      candidateSchemaHash: next.tracking.candidate,
      candidateSeen: next.tracking.seen,
    },
    drift: next.change && { fromHash: next.change.from, toHash: next.change.to },
  };
}
