import {
  checkThresholds,
  firstCheckToken,
  keepMaskedValues,
  type MonitorSettings,
  type OAuthClientCredentials,
  type ProbeResult,
  type Tool,
  unsavedProbeSpec,
} from '@mcpulse/core';
import { MONITOR_DEFAULTS } from '@mcpulse/core/domain';
import type { Principal } from '../../auth/principal.js';
import { probeCheckingCanary } from './canary/canary-probe.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { oauthToSave } from './oauth-input.js';

export type TestConnectionInput = Pick<MonitorSettings, 'url'> &
  Partial<Pick<MonitorSettings, 'transport' | 'timeoutMs' | 'degradedThresholdMs' | 'canary'>> & {
    headers?: Record<string, string> | undefined;
    oauth?: OAuthClientCredentials | null | undefined;
  };

export type TestConnectionResult = ProbeResult & { tools: Tool[] | null; firstCheckToken: string };

/**
 * "Test connection" before saving: one probe with unsaved settings; nothing is
 * stored. The answer carries the tools listed (to choose a canary from), and a
 * token that creating the monitor with the same settings may hand back, so
 * that this check counts as its first. With a canary ("test this call"), the
 * canary is checked against the live listing before it is called: an invalid
 * one is a 400 naming the field, and a valid one is vouched for by the token.
 */
export async function testConnection(
  deps: ProbingDeps & Pick<MonitorDeps, 'secretKey'>,
  principal: Principal,
  input: TestConnectionInput,
): Promise<TestConnectionResult> {
  const timeoutMs = input.timeoutMs ?? MONITOR_DEFAULTS.timeoutMs;
  const degradedThresholdMs = input.degradedThresholdMs ?? MONITOR_DEFAULTS.degradedThresholdMs;
  const canary = input.canary ?? null;
  checkThresholds(timeoutMs, degradedThresholdMs, canary);
  const settings = {
    url: input.url,
    transport: input.transport ?? MONITOR_DEFAULTS.transport,
    timeoutMs,
    degradedThresholdMs,
    canary,
  };
  const headers = keepMaskedValues(input.headers ?? {}, {});
  const spec = unsavedProbeSpec(settings, headers, oauthToSave(input.oauth ?? null, null, headers));
  const { result, tools, canaryValidated } = await probeCheckingCanary(deps, principal.organizationId, spec);
  const check = {
    status: result.status,
    checkedAt: result.checkedAt,
    errorCode: result.error?.code ?? null,
    totalMs: result.timings.totalMs,
    canaryValidated,
  };
  return { ...result, tools, firstCheckToken: firstCheckToken(deps.secretKey, spec, check) };
}
