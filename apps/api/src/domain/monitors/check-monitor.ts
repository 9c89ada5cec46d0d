import { NotFound, openProbeSpec, type ProbeResult, probeSpecOf } from '@mcpulse/core';
import { monitors } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { probeTarget } from './probe-target.js';

/** "Check now": one probe with the saved settings, answered directly; scheduled results are not touched. */
export async function checkMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  monitorId: string,
): Promise<ProbeResult> {
  const [monitor] = await deps.db
    .select({
      url: monitors.url,
      transport: monitors.transport,
      timeoutMs: monitors.timeoutMs,
      degradedThresholdMs: monitors.degradedThresholdMs,
      headersSealed: monitors.headersSealed,
    })
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.organizationId, principal.organizationId)));
  if (!monitor) throw new NotFound('monitor');
  return probeTarget(
    deps,
    principal.organizationId,
    openProbeSpec(probeSpecOf(monitor), monitorId, deps.secretKey),
  );
}
