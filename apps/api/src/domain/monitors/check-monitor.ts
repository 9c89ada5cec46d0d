import { NotFound, openProbeSpec, type ProbeResult, probeSpecOf, sealedRotation } from '@mcpulse/core';
import { ownedMonitor, storeRotatedConnection } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { probeTarget } from './probe-target.js';

/**
 * "Check now": one probe with the saved settings (its canary included), answered directly;
 * scheduled results are not touched. A refresh token the check's authorization server rotated is
 * saved, since the old one is spent.
 */
export async function checkMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  monitorId: string,
): Promise<ProbeResult> {
  const monitor = await ownedMonitor(deps.db, principal.organizationId, monitorId);
  if (!monitor) throw new NotFound('monitor');
  const spec = openProbeSpec(probeSpecOf(monitor), monitorId, deps.secretKey);
  const generation = spec.connection?.value.generation ?? null;
  const report = await probeTarget(deps, principal.organizationId, spec);
  const connection = spec.connection?.value ?? null;
  if (connection !== null && generation !== null && connection.generation > generation) {
    const rotation = sealedRotation(deps.secretKey, monitorId, connection);
    await storeRotatedConnection(deps.db, monitorId, rotation.sealed, rotation.connection);
  }
  return report.result;
}
