import { ValidationFailed } from '@mcpulse/core';
import type { MONITOR_TRANSPORTS } from '@mcpulse/db';

export type MonitorTransport = (typeof MONITOR_TRANSPORTS)[number];

/** Everything a client sets on a monitor except its headers, which are sealed separately. */
export interface MonitorSettings {
  name: string;
  url: string;
  transport: MonitorTransport;
  regions: string[];
  intervalSeconds: number;
  timeoutMs: number;
  degradedThresholdMs: number;
  confirmations: number;
  regionQuorum: number | null;
  isPublic: boolean;
}

export const MONITOR_DEFAULTS = {
  transport: 'auto',
  intervalSeconds: 60,
  timeoutMs: 10_000,
  degradedThresholdMs: 1_000,
  confirmations: 2,
  regionQuorum: null,
  isPublic: false,
} as const satisfies Partial<MonitorSettings>;

/** A result slower than the whole deadline can never arrive, so "degraded" must sit below it. */
export function checkThresholds(timeoutMs: number, degradedThresholdMs: number): void {
  if (degradedThresholdMs >= timeoutMs) {
    throw new ValidationFailed('degradedThresholdMs', `must be less than timeoutMs (${timeoutMs})`);
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
  checkThresholds(settings.timeoutMs, settings.degradedThresholdMs);
  if (settings.regionQuorum !== null && settings.regionQuorum > settings.regions.length) {
    throw new ValidationFailed(
      'regionQuorum',
      `must be at most the number of regions (${settings.regions.length})`,
    );
  }
}
