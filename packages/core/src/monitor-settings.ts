import type { TransportPreference } from './domain/probe-values.js';
import { ValidationFailed } from './domain-errors.js';
import type { ToolCanary } from './tool-canary.js';

/** Everything a client sets on a monitor except its headers, which are sealed separately. */
export interface MonitorSettings {
  name: string;
  url: string;
  transport: TransportPreference;
  regions: string[];
  intervalSeconds: number;
  timeoutMs: number;
  degradedThresholdMs: number;
  confirmations: number;
  regionQuorum: number | null;
  isPublic: boolean;
  /** The tool called on every check, or null (docs/probe.md, "Tool-call canary"). */
  canary: ToolCanary | null;
}

/** A result slower than the whole deadline can never arrive, so "degraded" must sit below it. */
export function checkThresholds(
  timeoutMs: number,
  degradedThresholdMs: number,
  canary: ToolCanary | null = null,
): void {
  if (degradedThresholdMs >= timeoutMs) {
    throw new ValidationFailed('degradedThresholdMs', `must be less than timeoutMs (${timeoutMs})`);
  }
  // The call's own deadline lies inside the check's, which also covers the handshake and the listing.
  if (canary?.timeoutMs != null && canary.timeoutMs >= timeoutMs) {
    throw new ValidationFailed('canary.timeoutMs', `must be less than timeoutMs (${timeoutMs})`);
  }
}

/**
 * The rules a request schema cannot state alone: they depend on the deployment's
 * regions or tie fields together, and a partial update must meet them after merging.
 */
export function checkMonitorSettings(settings: MonitorSettings, allowedRegions: readonly string[]): void {
  const unknown = settings.regions.find((region) => !allowedRegions.includes(region));
  if (unknown !== undefined) {
    throw new ValidationFailed(
      'regions',
      `unknown region "${unknown}"; available: ${allowedRegions.join(', ')}`,
    );
  }
  checkThresholds(settings.timeoutMs, settings.degradedThresholdMs, settings.canary);
  if (settings.regionQuorum !== null && settings.regionQuorum > settings.regions.length) {
    throw new ValidationFailed(
      'regionQuorum',
      `must be at most the number of regions (${settings.regions.length})`,
    );
  }
}
