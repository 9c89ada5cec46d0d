import type { NewResult } from '@mcpulse/db';
import {
  DEGRADED_MS,
  ERROR_KINDS,
  FAILURE_LATENCY_SHARE,
  PHASE_SHARES,
  RANDOM_FAILURE_CODES,
  RANDOM_FAILURE_RATE,
  REGIONS,
  SPIKE_MS,
  SPIKE_RATE,
} from '../seed/check-model.js';
import type { MonitorProfile } from '../seed/monitor-profiles.js';
import { MINUTE_MS } from '../seed/seed-plan.js';

const CAPABILITIES = { tools: { listChanged: true } };

function check(
  random: () => number,
  profile: MonitorProfile,
  monitorId: string,
  region: (typeof REGIONS)[number],
  minuteMs: number,
): NewResult {
  const slot = new Date(minuteMs + ((profile.phaseMs + region.offsetMs) % MINUTE_MS));
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const spike = random();
  const latency =
    profile.medianMs * region.latencyFactor * Math.exp(profile.sigma * normal) +
    (spike < SPIKE_RATE ? SPIKE_MS.min + (SPIKE_MS.spread * spike) / SPIKE_RATE : 0);
  const fail = random();
  const dnsMs = 0.5 + 3 * random();
  const code =
    fail < RANDOM_FAILURE_RATE
      ? RANDOM_FAILURE_CODES[Math.floor((fail / RANDOM_FAILURE_RATE) * RANDOM_FAILURE_CODES.length)]!
      : null;
  const error = code ? ERROR_KINDS.find((kind) => kind.code === code)! : null;
  const totalMs = error ? (error.fixedMs ?? latency * FAILURE_LATENCY_SHARE) : latency;
  const up = !error;
  return {
    auth: null,
    monitorId,
    region: region.name,
    slot,
    checkedAt: new Date(slot.getTime() + 150 + totalMs),
    status: error ? 'down' : latency >= DEGRADED_MS ? 'degraded' : 'up',
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
    errorPhase: error?.phase ?? null,
    httpStatus: error?.httpStatus ?? null,
    rpcCode: null,
    httpAlive: error?.httpAlive ?? true,
    transport: up ? profile.transport : null,
    era: up ? profile.era : null,
    protocolVersion: up ? profile.protocolVersion : null,
    serverInfo: up ? profile.serverInfo : null,
    capabilities: up ? CAPABILITIES : null,
    toolCount: up ? profile.toolCount : null,
    schemaHash: up ? profile.schemaHash : null,
    dnsMs,
    connectMs: up ? latency * PHASE_SHARES.connectMs : null,
    tlsMs: up ? latency * PHASE_SHARES.tlsMs : null,
    negotiationMs: null,
    handshakeMs: up ? latency * PHASE_SHARES.handshakeMs : null,
    toolsListMs: up ? latency * PHASE_SHARES.toolsListMs : null,
    toolCallMs: null,
    otherMs: up ? Math.max(0, totalMs - dnsMs - latency * 0.97) : null,
    totalMs,
  };
}

/**
 * `count` results as the probes would deliver them from `fromMinute` on:
 * minute by minute, every monitor and region of each minute, so a batch holds
 * what arrived together.
 */
export function ingestRows(
  random: () => number,
  profiles: readonly MonitorProfile[],
  monitorIds: readonly string[],
  fromMinute: Date,
  count: number,
): NewResult[] {
  const rows: NewResult[] = [];
  for (let minute = fromMinute.getTime(); rows.length < count; minute += MINUTE_MS) {
    for (let i = 0; i < profiles.length && rows.length < count; i++) {
      for (const region of REGIONS) {
        if (rows.length < count) rows.push(check(random, profiles[i]!, monitorIds[i]!, region, minute));
      }
    }
  }
  return rows;
}
