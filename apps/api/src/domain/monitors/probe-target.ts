import type { ProbeResult } from '@mcpulse/core';
import type { ProbingDeps } from './monitor-deps.js';
import type { MonitorTransport } from './monitor-settings.js';

export interface ProbeTarget {
  url: string;
  transport: MonitorTransport;
  headers: Record<string, string>;
  timeoutMs: number;
  degradedThresholdMs: number;
}

/**
 * One probe with the deployment's address policy, counted against the
 * organisation's probes in flight: every probe the API runs goes through here.
 */
export async function probeTarget(
  deps: ProbingDeps,
  organizationId: string,
  target: ProbeTarget,
): Promise<ProbeResult> {
  const report = await deps.probeSlots.run(organizationId, () =>
    deps.probe({
      url: target.url,
      transport: target.transport,
      headers: target.headers,
      timeoutMs: target.timeoutMs,
      degradedThresholdMs: target.degradedThresholdMs,
      allowPrivateAddresses: deps.allowPrivateTargets,
      ...(deps.allowedTargetCidrs ? { allowedCidrs: deps.allowedTargetCidrs } : {}),
    }),
  );
  return report.result;
}
