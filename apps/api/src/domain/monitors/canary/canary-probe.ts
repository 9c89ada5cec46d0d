import {
  type OpenProbeSpec,
  type ProbeResult,
  storableText,
  type Tool,
  ValidationFailed,
} from '@mcpulse/core';
import { currentTools } from '@mcpulse/db';
import type { MonitorDeps, ProbingDeps } from '../monitor-deps.js';
import { probeTarget } from '../probe-target.js';
import { acceptCanary } from './accept-canary.js';

export interface CanaryCheckedProbe {
  result: ProbeResult;
  tools: Tool[] | null;
  /** The canary was found in the live listing and accepted (acceptCanary) before its call. */
  canaryValidated: boolean;
}

/**
 * One probe of unsaved settings; with a canary, it is accepted against the
 * live listing before the call, so an invalid one is refused (ValidationFailed,
 * thrown) without ever being called.
 */
export async function probeCheckingCanary(
  deps: ProbingDeps,
  organizationId: string,
  spec: OpenProbeSpec,
): Promise<CanaryCheckedProbe> {
  const canary = spec.canary;
  let canaryValidated = false;
  const report = await probeTarget(
    deps,
    organizationId,
    spec,
    canary
      ? async (tools) => {
          await acceptCanary(canary, tools, Object.values(spec.headers));
          canaryValidated = true;
        }
      : undefined,
  );
  return { ...report, canaryValidated };
}

/** Why a canary could not be checked: the check never got a complete listing to check it against. */
export function canaryNotChecked(result: ProbeResult): ValidationFailed {
  const why = result.error
    ? `${result.error.code}: ${storableText(result.error.message, 300)}`
    : 'the server does not declare the tools capability';
  return new ValidationFailed(
    'canary.tool',
    `canary.tool: cannot be checked, since the server's tools could not be listed (${why})`,
  );
}

/**
 * Accepts a changed canary of a saved monitor: against its confirmed snapshot
 * when `snapshotApplies` (same server) and the snapshot holds the tool,
 * otherwise against a live listing with the new settings (no tool is called).
 */
export async function acceptSavedCanary(
  deps: Pick<MonitorDeps, 'db'> & ProbingDeps,
  organizationId: string,
  monitorId: string,
  spec: OpenProbeSpec,
  snapshotApplies: boolean,
): Promise<void> {
  const canary = spec.canary;
  if (!canary) return;
  const secrets = Object.values(spec.headers);
  if (snapshotApplies) {
    const snapshot = await currentTools(deps.db, monitorId);
    if (snapshot?.tools.some((tool) => tool.name === canary.tool)) {
      return acceptCanary(canary, snapshot.tools, secrets);
    }
  }
  const listing = await probeTarget(deps, organizationId, { ...spec, canary: null });
  if (listing.tools === null) throw canaryNotChecked(listing.result);
  await acceptCanary(canary, listing.tools, secrets);
}
