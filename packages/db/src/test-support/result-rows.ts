import type { ProbeStatus } from '@mcpulse/core/domain';
import type { NewResult } from '../results/result-row.js';

/** A stored result with only what a test cares about set; the rest as a healthy legacy check. */
export function resultRow(
  monitorId: string,
  region: string,
  slot: string | Date,
  status: ProbeStatus,
  totalMs = 40,
  extra: Partial<NewResult> = {},
): NewResult {
  const at = new Date(slot);
  const down = status === 'down';
  return {
    monitorId,
    region,
    slot: at,
    checkedAt: new Date(at.getTime() + 1_500),
    status,
    errorCode: down ? 'connection_refused' : null,
    errorMessage: down ? 'connect ECONNREFUSED' : null,
    errorPhase: down ? 'connect' : null,
    httpStatus: null,
    rpcCode: null,
    httpAlive: !down,
    transport: down ? null : 'streamable-http',
    era: down ? null : 'legacy',
    protocolVersion: down ? null : '2025-11-25',
    serverInfo: down ? null : { name: 'fixture', version: '1.0.0' },
    capabilities: down ? null : { tools: {} },
    toolCount: down ? null : 2,
    schemaHash: null,
    dnsMs: null,
    connectMs: down ? null : 1,
    tlsMs: null,
    negotiationMs: null,
    handshakeMs: down ? null : totalMs / 2,
    toolsListMs: down ? null : totalMs / 4,
    otherMs: down ? null : totalMs / 4 - 1,
    totalMs,
    auth: null,
    ...extra,
  };
}

/** Every minute in [from, to), offset by `second` seconds into the minute. */
export function minutes(from: string, to: string, second = 0): Date[] {
  const slots: Date[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) slots.push(new Date(t + second * 1000));
  return slots;
}
