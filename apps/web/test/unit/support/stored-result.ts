import type { StoredResult } from '@mcpulse/contract';

/** A stored result with only what a test cares about set. */
export function result(
  region: string,
  slot: string,
  status: StoredResult['status'],
  totalMs: number,
): StoredResult {
  return {
    auth: null,
    region,
    slot,
    checkedAt: slot,
    status,
    skipReason: status === 'skipped' ? 'picked up 95 s after its slot, more than the 60 s interval' : null,
    error:
      status === 'down'
        ? { code: 'timeout', message: 'late', phase: 'handshake', httpStatus: null, rpcCode: null }
        : null,
    httpAlive: status !== 'down',
    transport: 'streamable-http',
    era: 'modern',
    protocolVersion: '2026-07-28',
    serverInfo: null,
    capabilities: null,
    toolCount: 3,
    schemaHash: null,
    timings: {
      dnsMs: 1,
      connectMs: 2,
      tlsMs: null,
      negotiationMs: status === 'skipped' ? null : 4,
      handshakeMs: 10,
      toolsListMs: 5,
      toolCallMs: null,
      otherMs: status === 'skipped' ? null : totalMs - 22,
      totalMs,
    },
  };
}
