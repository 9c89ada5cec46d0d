import { emptyTracking, trackValue } from './confirmed-value.js';
import type { MachineEffect, MonitorMachineState, ObservedResult } from './monitor-machine-types.js';
import {
  type ProtocolIdentity,
  protocolKey,
  protocolPartsChanged,
  sameProtocol,
} from './protocol-identity.js';
import { trackSchemaHash } from './schema-drift-tracker.js';

/** What the machine follows of the server besides its status, as a fresh monitor starts. */
export function emptyServerTracking(): Pick<MonitorMachineState, 'protocol' | 'release' | 'schemaProtocol'> {
  return { protocol: emptyTracking(), release: emptyTracking(), schemaProtocol: null };
}

/**
 * Follows the server's protocol, release and tool schema through one result,
 * each confirmed alike (`trackValue`: seen twice in a row, in slot order,
 * across regions). The protocol goes first, so a drift confirmed by the same
 * result is judged against the protocol it confirmed: a drift across a
 * protocol change says so, because the same tools can hash differently in
 * another era. Effects come in the order protocol, release, drift.
 */
export function trackServerChanges(
  state: MonitorMachineState,
  result: ObservedResult,
): { state: MonitorMachineState; effects: MachineEffect[] } {
  const effects: MachineEffect[] = [];
  const protocol = trackValue(state.protocol, result.protocol ?? null, result.slot, sameProtocol);
  if (protocol.change) {
    const { from, to, firstSeenAt } = protocol.change;
    effects.push({
      type: 'protocol',
      from,
      to,
      changed: protocolPartsChanged(from, to),
      firstSeenAt,
      at: result.slot,
      dedupeKey: `protocol.changed:${protocolKey(to)}:${result.slot}`,
    });
  }
  const release = trackValue<string>(
    state.release,
    result.server?.version ?? null,
    result.slot,
    (a, b) => a === b,
  );
  if (release.change) {
    effects.push({
      type: 'release',
      fromVersion: release.change.from,
      toVersion: release.change.to,
      serverName: result.server?.name ?? null,
      firstSeenAt: release.change.firstSeenAt,
      at: result.slot,
      // At most one release is confirmed per slot: a confirmation needs the streak the slot ends.
      dedupeKey: `release:${result.slot}`,
    });
  }
  const confirmedProtocol = protocol.tracking.confirmed;
  const { schemaHash, candidateSchemaHash, candidateSeen } = state;
  const drift = trackSchemaHash({ schemaHash, candidateSchemaHash, candidateSeen }, result);
  const sawConfirmedSchema =
    drift.tracking.schemaHash !== null &&
    drift.tracking.schemaHash === result.schemaHash &&
    result.status !== 'down';
  if (drift.drift) {
    const before = state.schemaProtocol;
    effects.push({
      type: 'drift',
      ...drift.drift,
      protocolChange:
        before && confirmedProtocol && !sameProtocol(before, confirmedProtocol)
          ? { from: before, to: confirmedProtocol }
          : null,
      at: result.slot,
      dedupeKey: `schema.drift:${drift.drift.toHash}:${result.slot}`,
    });
  }
  const schemaProtocol: ProtocolIdentity | null =
    sawConfirmedSchema && confirmedProtocol ? confirmedProtocol : state.schemaProtocol;
  return {
    state: {
      ...state,
      ...drift.tracking,
      protocol: protocol.tracking,
      release: release.tracking,
      schemaProtocol,
    },
    effects,
  };
}
