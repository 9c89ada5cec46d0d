import { randomUUID } from 'node:crypto';
import {
  checkMonitorSettings,
  type FirstCheck,
  keepMaskedValues,
  type MonitorSettings,
  type OAuthClientCredentials,
  type OAuthConnection,
  openFirstCheckToken,
  type ProbeResult,
  regionStateAfterFirstCheck,
  sealMonitorConnection,
  sealMonitorHeaders,
  sealMonitorOAuth,
  unsavedProbeSpec,
} from '@mcpulse/core';
import { MONITOR_DEFAULTS } from '@mcpulse/core/domain';
import {
  type Executor,
  insertMonitor,
  insertRegionStates,
  inTransaction,
  type MonitorView,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { claimConnection, connectionForForm } from '../oauth/claim-connection.js';
import { canaryNotChecked, probeCheckingCanary } from './canary/canary-probe.js';
import { checkAtOnce } from './check-at-once.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { assertMonitorQuota } from './monitor-quota.js';
import { assertOneAuthorization, oauthToSave } from './oauth-input.js';

export type CreateMonitorInput = Pick<MonitorSettings, 'name' | 'url'> &
  Partial<MonitorSettings> & {
    headers?: Record<string, string> | undefined;
    /** OAuth client credentials the checks get tokens with. */
    oauth?: OAuthClientCredentials | null | undefined;
    /** A connection ("Connect with OAuth") the form made for these settings, by its id. */
    oauthConnection?: string | undefined;
    /**
     * Probe with these settings before saving; the monitor is saved whatever the probe says,
     * unless its canary is refused.
     */
    probeFirst?: boolean | undefined;
    /** From "test connection" with the same settings: that check counts as the monitor's first. */
    firstCheckToken?: string | undefined;
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
    canary: input.canary ?? null,
  };
  checkMonitorSettings(settings, deps.regions);
  const headers = keepMaskedValues(input.headers ?? {}, {});
  const oauth = oauthToSave(input.oauth ?? null, null, headers);
  assertOneAuthorization(oauth, input.oauthConnection !== undefined, headers);
  const connection: OAuthConnection | null =
    input.oauthConnection === undefined
      ? null
      : await connectionForForm(deps, principal, input.oauthConnection, settings.url, now);

  // A check before saving may rotate the connection's refresh token: the spec keeps the newest.
  const spec = unsavedProbeSpec(settings, headers, oauth, connection);
  let probe: ProbeResult | null = null;
  let firstCheck: FirstCheck | null = null;
  if (!input.probeFirst && input.firstCheckToken !== undefined) {
    firstCheck = openFirstCheckToken(deps.secretKey, spec, input.firstCheckToken, now);
  }
  // A canary is checked against the server's live listing before it is saved, unless the test
  // that issued the token already did so with these very settings; that probe is the first check.
  const canaryUnchecked = settings.canary !== null && firstCheck?.canaryValidated !== true;
  if (input.probeFirst || canaryUnchecked) {
    // A full plan is refused before a probe that may take the whole timeout, not after it.
    await assertMonitorQuota(deps.db, principal.organizationId, false);
    const checked = await probeCheckingCanary(deps, principal.organizationId, spec);
    if (settings.canary !== null && !checked.canaryValidated) throw canaryNotChecked(checked.result);
    probe = checked.result;
    firstCheck = {
      status: probe.status,
      checkedAt: probe.checkedAt,
      errorCode: probe.error?.code ?? null,
      totalMs: probe.timings.totalMs,
    };
  }

  const id = randomUUID();
  const sealedHeaders = sealMonitorHeaders(deps.secretKey, id, headers).headersSealed;
  const sealedOAuth = sealMonitorOAuth(deps.secretKey, id, oauth);
  const sealedConnection = sealMonitorConnection(deps.secretKey, id, spec.connection?.value ?? null);
  const monitor = await inTransaction(deps.db, async (tx) => {
    await assertMonitorQuota(tx, principal.organizationId, true);
    if (input.oauthConnection !== undefined) await claimConnection(tx, principal, input.oauthConnection, now);
    await insertMonitor(
      tx,
      {
        id,
        organizationId: principal.organizationId,
        ...settings,
        headersSealed: sealedHeaders,
        headerNames: Object.keys(headers),
        ...sealedOAuth,
        ...sealedConnection,
      },
      now,
    );
    if (firstCheck) await creditFirstCheck(tx, id, settings.regions, firstCheck, now);
    return getMonitor(tx, principal, id);
  });
  deps.onMonitorChanged?.(id);
  await checkAtOnce(
    deps,
    {
      id,
      ...settings,
      headersSealed: sealedHeaders,
      oauthSealed: sealedOAuth.oauthSealed,
      oauthConnectionSealed: sealedConnection.oauthConnectionSealed,
    },
    null,
    now,
  );
  return { monitor, probe };
}

/**
 * The check run before saving counts as the first confirmation in every
 * region: the first scheduled check that agrees with it confirms the status.
 */
async function creditFirstCheck(
  tx: Executor,
  monitorId: string,
  regions: readonly string[],
  check: FirstCheck,
  now: Date,
): Promise<void> {
  await insertRegionStates(
    tx,
    regions.map((region) => {
      const state = regionStateAfterFirstCheck(region, check);
      return {
        monitorId,
        region,
        status: check.status,
        consecutiveFailures: state.consecutiveFailures,
        consecutiveSuccesses: state.consecutiveSuccesses,
        consecutiveSlow: state.consecutiveSlow,
        lastSlot: null,
        lastStatus: state.lastStatus,
        lastErrorCode: state.lastErrorCode,
        lastTotalMs: state.lastTotalMs === null ? null : Math.round(state.lastTotalMs),
        runStartedAt: state.runStartedAt === null ? null : new Date(state.runStartedAt),
        updatedAt: now,
      };
    }),
  );
}
