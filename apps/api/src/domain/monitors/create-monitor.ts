import { randomUUID } from 'node:crypto';
import {
  checkMonitorSettings,
  keepMaskedValues,
  type MonitorSettings,
  type ProbeResult,
  sealMonitorHeaders,
  unsavedProbeSpec,
} from '@mcpulse/core';
import { MONITOR_DEFAULTS } from '@mcpulse/core/domain';
import { monitorState, monitors } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { assertMonitorQuota } from './monitor-quota.js';
import type { MonitorView } from './monitor-view.js';
import { probeTarget } from './probe-target.js';

export type CreateMonitorInput = Pick<MonitorSettings, 'name' | 'url'> &
  Partial<MonitorSettings> & {
    headers?: Record<string, string> | undefined;
    /** Probe with these settings before saving; the monitor is saved whatever the probe says. */
    probeFirst?: boolean | undefined;
  };

export interface CreatedMonitor {
  monitor: MonitorView;
  probe: ProbeResult | null;
}

export async function createMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  input: CreateMonitorInput,
  now: Date,
): Promise<CreatedMonitor> {
  const settings: MonitorSettings = {
    name: input.name,
    url: input.url,
    transport: input.transport ?? MONITOR_DEFAULTS.transport,
    regions: input.regions ?? [...deps.regions],
    intervalSeconds: input.intervalSeconds ?? MONITOR_DEFAULTS.intervalSeconds,
    timeoutMs: input.timeoutMs ?? MONITOR_DEFAULTS.timeoutMs,
    degradedThresholdMs: input.degradedThresholdMs ?? MONITOR_DEFAULTS.degradedThresholdMs,
    confirmations: input.confirmations ?? MONITOR_DEFAULTS.confirmations,
    regionQuorum: input.regionQuorum ?? MONITOR_DEFAULTS.regionQuorum,
    isPublic: input.isPublic ?? MONITOR_DEFAULTS.isPublic,
  };
  checkMonitorSettings(settings, deps.regions);
  const headers = keepMaskedValues(input.headers ?? {}, {});

  let probe: ProbeResult | null = null;
  if (input.probeFirst) {
    // A full plan is refused before a probe that may take the whole timeout, not after it.
    await assertMonitorQuota(deps.db, principal.organizationId, false);
    probe = await probeTarget(deps, principal.organizationId, unsavedProbeSpec(settings, headers));
  }

  const id = randomUUID();
  const monitor = await deps.db.transaction(async (tx) => {
    await assertMonitorQuota(tx, principal.organizationId, true);
    await tx.insert(monitors).values({
      id,
      organizationId: principal.organizationId,
      ...settings,
      ...sealMonitorHeaders(deps.secretKey, id, headers),
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(monitorState).values({ monitorId: id, status: 'pending', since: now, updatedAt: now });
    return getMonitor(tx, principal, id);
  });
  deps.onMonitorChanged?.(id);
  return { monitor, probe };
}
