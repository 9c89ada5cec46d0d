import {
  checkThresholds,
  firstCheckToken,
  keepMaskedValues,
  type MonitorSettings,
  type OAuthClientCredentials,
  type ProbeResult,
  unsavedProbeSpec,
} from '@mcpulse/core';
import { MONITOR_DEFAULTS } from '@mcpulse/core/domain';
import type { Principal } from '../../auth/principal.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { oauthToSave } from './oauth-input.js';
import { probeTarget } from './probe-target.js';

export type TestConnectionInput = Pick<MonitorSettings, 'url'> &
  Partial<Pick<MonitorSettings, 'transport' | 'timeoutMs' | 'degradedThresholdMs'>> & {
    headers?: Record<string, string> | undefined;
    oauth?: OAuthClientCredentials | null | undefined;
  };

/**
 * "Test connection" before saving: one probe with unsaved settings; nothing is
 * stored. The answer carries a token that creating the monitor with the same
 * settings may hand back, so that this check counts as its first.
 */
export async function testConnection(
  deps: ProbingDeps & Pick<MonitorDeps, 'secretKey'>,
  principal: Principal,
  input: TestConnectionInput,
): Promise<ProbeResult & { firstCheckToken: string }> {
  const timeoutMs = input.timeoutMs ?? MONITOR_DEFAULTS.timeoutMs;
  const degradedThresholdMs = input.degradedThresholdMs ?? MONITOR_DEFAULTS.degradedThresholdMs;
  checkThresholds(timeoutMs, degradedThresholdMs);
  const settings = {
    url: input.url,
    transport: input.transport ?? MONITOR_DEFAULTS.transport,
    timeoutMs,
    degradedThresholdMs,
  };
  const headers = keepMaskedValues(input.headers ?? {}, {});
  const spec = unsavedProbeSpec(settings, headers, oauthToSave(input.oauth ?? null, null, headers));
  const result = await probeTarget(deps, principal.organizationId, spec);
  const check = {
    status: result.status,
    checkedAt: result.checkedAt,
    errorCode: result.error?.code ?? null,
    totalMs: result.timings.totalMs,
  };
  return { ...result, firstCheckToken: firstCheckToken(deps.secretKey, spec, check) };
}
