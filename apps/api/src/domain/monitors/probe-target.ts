import type { OpenProbeSpec, Tool } from '@mcpulse/core';
import { type ProbeReport, probeOptionsOf } from '@mcpulse/probe';
import type { ProbingDeps } from './monitor-deps.js';

/**
 * One probe with the deployment's address policy, counted against the
 * organisation's probes in flight: every probe the API runs goes through here.
 * `beforeCall` runs with the live listing before a canary's call (see the
 * probe's CanaryCall).
 */
export async function probeTarget(
  deps: ProbingDeps,
  organizationId: string,
  spec: OpenProbeSpec,
  beforeCall?: (tools: readonly Tool[]) => Promise<void>,
): Promise<ProbeReport> {
  const canary = spec.canary && beforeCall ? { ...spec.canary, beforeCall } : spec.canary;
  return deps.probeSlots.run(organizationId, () =>
    deps.probe({
      ...probeOptionsOf(spec),
      canary,
      allowPrivateAddresses: deps.allowPrivateTargets,
      ...(deps.allowedTargetCidrs ? { allowedCidrs: deps.allowedTargetCidrs } : {}),
    }),
  );
}
