import type { ObservedResult } from './monitor-machine-types.js';

export interface DriftTracking {
  schemaHash: string | null;
  candidateSchemaHash: string | null;
  candidateSeen: number;
}

/** Sightings in a row that turn a candidate hash into the confirmed one. */
export const DRIFT_CONFIRMATIONS = 2;

/**
 * Follows the tool schema a monitor serves. A new hash must be seen twice in
 * a row before it counts, so one server behind a load balancer that is
 * mid-deploy, or one odd response, does not announce a drift (and another one
 * back). Only results that listed tools carry a schema: a failing result says
 * nothing about it and neither breaks nor extends a sighting streak.
 */
export function trackSchemaHash(
  tracking: DriftTracking,
  result: ObservedResult,
): { tracking: DriftTracking; drift: { fromHash: string; toHash: string } | null } {
  const hash = result.schemaHash;
  if (result.status === 'down' || hash === null) return { tracking, drift: null };
  // The first snapshot is where the monitor starts, not a change to report.
  if (tracking.schemaHash === null) {
    return { tracking: { schemaHash: hash, candidateSchemaHash: null, candidateSeen: 0 }, drift: null };
  }
  if (hash === tracking.schemaHash) {
    return { tracking: { ...tracking, candidateSchemaHash: null, candidateSeen: 0 }, drift: null };
  }
  const seen = hash === tracking.candidateSchemaHash ? tracking.candidateSeen + 1 : 1;
  if (seen >= DRIFT_CONFIRMATIONS) {
    return {
      tracking: { schemaHash: hash, candidateSchemaHash: null, candidateSeen: 0 },
      drift: { fromHash: tracking.schemaHash, toHash: hash },
    };
  }
  return { tracking: { ...tracking, candidateSchemaHash: hash, candidateSeen: seen }, drift: null };
}
