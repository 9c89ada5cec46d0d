import type { CheckClient } from '../clients/check-client.js';
import type { SegmentCost } from './run-checks.js';

export interface ClientFigures {
  id: CheckClient['id'];
  label: string;
  checks: number;
  failures: number;
  firstError: string | null;
  wallMs: number;
  cpuMs: number;
  probesPerSec: number;
  cpuMsPerProbe: number;
  probesPerCpuSec: number;
  /** The fixture server's CPU per probe while this client ran (in its own process, not counted above). */
  serverCpuMsPerProbe: number;
  /** The fixture server's CPU over the wall time of this client's segments: 100 % is one saturated core. */
  serverBusyPct: number;
}

export interface ClientTotals extends SegmentCost {
  serverCpuMs: number;
}

export function emptyTotals(): ClientTotals {
  return { checks: 0, failures: 0, firstError: null, wallMs: 0, cpuMs: 0, serverCpuMs: 0 };
}

export function addSegment(totals: ClientTotals, segment: SegmentCost, serverCpuMs: number): void {
  totals.checks += segment.checks;
  totals.failures += segment.failures;
  totals.firstError ??= segment.firstError;
  totals.wallMs += segment.wallMs;
  totals.cpuMs += segment.cpuMs;
  totals.serverCpuMs += serverCpuMs;
}

export function toFigures(client: CheckClient, totals: ClientTotals): ClientFigures {
  const cpuMsPerProbe = totals.cpuMs / totals.checks;
  return {
    id: client.id,
    label: client.label,
    checks: totals.checks,
    failures: totals.failures,
    firstError: totals.firstError,
    wallMs: totals.wallMs,
    cpuMs: totals.cpuMs,
    probesPerSec: (totals.checks / totals.wallMs) * 1000,
    cpuMsPerProbe,
    probesPerCpuSec: 1000 / cpuMsPerProbe,
    serverCpuMsPerProbe: totals.serverCpuMs / totals.checks,
    serverBusyPct: (totals.serverCpuMs / totals.wallMs) * 100,
  };
}
