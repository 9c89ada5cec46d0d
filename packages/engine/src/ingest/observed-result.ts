import { type ObservedResult, protocolOf, serverReleaseOf } from '@mcpulse/core';
import type { ProbedResult } from '@mcpulse/db';

/** A stored result as the state machine and webhook payloads see it. */
export function observedResult(row: ProbedResult): ObservedResult {
  return {
    region: row.region,
    slot: row.slot.toISOString(),
    checkedAt: row.checkedAt.toISOString(),
    status: row.status,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    schemaHash: row.schemaHash,
    protocol: protocolOf(row),
    server: serverReleaseOf(row.serverInfo),
    totalMs: row.totalMs,
    timings: {
      dnsMs: row.dnsMs,
      connectMs: row.connectMs,
      tlsMs: row.tlsMs,
      negotiationMs: row.negotiationMs,
      handshakeMs: row.handshakeMs,
      toolsListMs: row.toolsListMs,
      toolCallMs: row.toolCallMs,
      otherMs: row.otherMs,
      totalMs: row.totalMs,
    },
  };
}
