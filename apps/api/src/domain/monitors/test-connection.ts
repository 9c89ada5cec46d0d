import type { ProbeResult } from '@mcpulse/core';
import type { Principal } from '../../auth/principal.js';
import type { ProbingDeps } from './monitor-deps.js';
import { keepMaskedValues } from './monitor-headers.js';
import { checkThresholds, MONITOR_DEFAULTS, type MonitorSettings } from './monitor-settings.js';
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
  return probeTarget(deps, principal.organizationId, {
    url: input.url,
    transport: input.transport ?? MONITOR_DEFAULTS.transport,
    headers: keepMaskedValues(input.headers ?? {}, {}),
    timeoutMs,
    degradedThresholdMs,
  });
}
