import type { OpenProbeSpec, ProbeResult } from '@mcpulse/core';
import { probeOptionsOf } from '@mcpulse/probe';
import type { ProbingDeps } from './monitor-deps.js';

/**
 * One probe with the deployment's address policy, counted against the
 * organisation's probes in flight: every probe the API runs goes through here.
 */
export async function probeTarget(
  deps: ProbingDeps,
  organizationId: string,
  spec: OpenProbeSpec,
): Promise<ProbeResult> {
  const report = await deps.probeSlots.run(organizationId, () =>
    deps.probe({
      ...probeOptionsOf(spec),
      allowPrivateAddresses: deps.allowPrivateTargets,
      ...(deps.allowedTargetCidrs ? { allowedCidrs: deps.allowedTargetCidrs } : {}),
    }),
  );
  return report.result;
}
