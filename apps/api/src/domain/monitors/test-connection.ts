import {
  checkThresholds,
  keepMaskedValues,
  type MonitorSettings,
  type ProbeResult,
  unsavedProbeSpec,
} from '@mcpulse/core';
import { MONITOR_DEFAULTS } from '@mcpulse/core/domain';
import type { Principal } from '../../auth/principal.js';
import type { ProbingDeps } from './monitor-deps.js';
import { probeTarget } from './probe-target.js';

export type TestConnectionInput = Pick<MonitorSettings, 'url'> &
  Partial<Pick<MonitorSettings, 'transport' | 'timeoutMs' | 'degradedThresholdMs'>> & {
    headers?: Record<string, string> | undefined;
  };

/** "Test connection" before saving: one probe with unsaved settings; nothing is stored. */
export async function testConnection(
  deps: ProbingDeps,
  principal: Principal,
  input: TestConnectionInput,
): Promise<ProbeResult> {
  const timeoutMs = input.timeoutMs ?? MONITOR_DEFAULTS.timeoutMs;
  const degradedThresholdMs = input.degradedThresholdMs ?? MONITOR_DEFAULTS.degradedThresholdMs;
  checkThresholds(timeoutMs, degradedThresholdMs);
  const settings = {
    url: input.url,
    transport: input.transport ?? MONITOR_DEFAULTS.transport,
    timeoutMs,
    degradedThresholdMs,
  };
  return probeTarget(
    deps,
    principal.organizationId,
    unsavedProbeSpec(settings, keepMaskedValues(input.headers ?? {}, {})),
  );
}
