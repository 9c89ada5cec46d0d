import { NotFound, openProbeSpec, type ProbeResult, probeSpecOf } from '@mcpulse/core';
import { ownedMonitor } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { probeTarget } from './probe-target.js';

/** "Check now": one probe with the saved settings (its canary included), answered directly; scheduled results are not touched. */
export async function checkMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  monitorId: string,
): Promise<ProbeResult> {
  const monitor = await ownedMonitor(deps.db, principal.organizationId, monitorId);
  if (!monitor) throw new NotFound('monitor');
  const report = await probeTarget(
    deps,
    principal.organizationId,
    openProbeSpec(probeSpecOf(monitor), monitorId, deps.secretKey),
  );
  return report.result;
}
