import type { ProbeResult } from '@mcpulse/core';
import type { probeResults } from '../schema/index.js';

/** One probe result as stored: the PROBE.md result flattened into probe_results columns. */
export type NewResult = typeof probeResults.$inferSelect;

/** The row for one probe result; `slot` is the scheduled time the result answers, not when it ran. */
export function resultRowFrom(monitorId: string, region: string, slot: Date, result: ProbeResult): NewResult {
  const { error, timings } = result;
  return {
    monitorId,
    region,
    slot,
    checkedAt: new Date(result.checkedAt),
    status: result.status,
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
    errorPhase: error?.phase ?? null,
    httpStatus: error?.httpStatus ?? null,
    rpcCode: error?.rpcCode ?? null,
    httpAlive: result.httpAlive,
    transport: result.transport,
    era: result.era,
    protocolVersion: result.protocolVersion,
    serverInfo: result.serverInfo,
    capabilities: result.capabilities,
    toolCount: result.toolCount,
    schemaHash: result.schemaHash,
    dnsMs: timings.dnsMs,
    connectMs: timings.connectMs,
    tlsMs: timings.tlsMs,
    negotiationMs: timings.negotiationMs,
    handshakeMs: timings.handshakeMs,
    toolsListMs: timings.toolsListMs,
    otherMs: timings.otherMs,
    totalMs: timings.totalMs,
  };
}
