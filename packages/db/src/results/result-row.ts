import type { ProbeResult } from '@mcpulse/core';
import type { ProbeStatus } from '@mcpulse/core/domain';
import type { probeResults } from '../schema/index.js';

/** One result as stored: the PROBE.md result flattened into probe_results columns, or a skipped slot. */
export type NewResult = typeof probeResults.$inferSelect;

/** A stored result of a check that was probed: the only kind uptime, latency and the state machine see. */
export type ProbedResult = NewResult & { status: ProbeStatus };

export function isProbed(row: NewResult): row is ProbedResult {
  return row.status !== 'skipped';
}

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
    auth: result.auth ?? null,
  };
}

/**
 * The row for a slot that was not probed: when that was decided and why. It carries no timing and
 * no answer, and `http_alive` false, since nothing was asked.
 */
export function skippedRowFrom(
  monitorId: string,
  region: string,
  slot: Date,
  skipped: { reason: string; decidedAt: Date },
): NewResult {
  return {
    monitorId,
    region,
    slot,
    checkedAt: skipped.decidedAt,
    status: 'skipped',
    errorCode: null,
    errorMessage: skipped.reason,
    errorPhase: null,
    httpStatus: null,
    rpcCode: null,
    httpAlive: false,
    transport: null,
    era: null,
    protocolVersion: null,
    serverInfo: null,
    capabilities: null,
    toolCount: null,
    schemaHash: null,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    negotiationMs: null,
    handshakeMs: null,
    toolsListMs: null,
    otherMs: null,
    totalMs: 0,
    auth: null,
  };
}
