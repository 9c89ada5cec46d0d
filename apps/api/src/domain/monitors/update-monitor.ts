import {
  checkMonitorSettings,
  keepMaskedValues,
  type MonitorSettings,
  NotFound,
  type OAuthClientCredentials,
  sealMonitorHeaders,
  sealMonitorOAuth,
  unsavedProbeSpec,
  unsealMonitorHeaders,
  unsealMonitorOAuth,
  ValidationFailed,
} from '@mcpulse/core';
import { MASKED_HEADER_VALUE } from '@mcpulse/core/domain';
import {
  inTransaction,
  type MonitorView,
  monitorSchemaHash,
  ownedMonitor,
  updateOwnedMonitor,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { acceptSavedCanary } from './canary/canary-probe.js';
import { checkAtOnce } from './check-at-once.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { assertNoSavedOAuthCarried, oauthToSave } from './oauth-input.js';

export type UpdateMonitorInput = Partial<MonitorSettings> & {
  /** Replaces the whole set; a masked value keeps the saved value of that name. */
  headers?: Record<string, string> | undefined;
  /** Replaces the credentials; a masked secret or key keeps the saved one; null removes them. */
  oauth?: OAuthClientCredentials | null | undefined;
};

/**
 * Saved header values (credentials, mostly) were given for one server: they
 * are never carried to another origin. Moving the URL there takes the headers
 * sent again in full, or none.
 */
function assertNoSavedHeadersCarried(
  submitted: Record<string, string> | undefined,
  saved: Record<string, string>,
): void {
  if (submitted === undefined) {
    if (Object.keys(saved).length === 0) return;
    throw new ValidationFailed(
      'headers',
      'headers: the URL moves to another origin, and saved header values are not sent there: send the headers again, or {} for none',
    );
  }
  for (const [name, value] of Object.entries(submitted)) {
    if (value === MASKED_HEADER_VALUE) {
      throw new ValidationFailed(
        `headers.${name}`,
        `headers.${name}: the URL moves to another origin, and saved values are not sent there: enter the value again`,
      );
    }
  }
}

type SavedMonitor = NonNullable<Awaited<ReturnType<typeof ownedMonitor>>>;

function mergedSettings(current: SavedMonitor, changes: Partial<MonitorSettings>): MonitorSettings {
  return {
    name: changes.name ?? current.name,
    url: changes.url ?? current.url,
    transport: changes.transport ?? current.transport,
    regions: changes.regions ?? current.regions,
    intervalSeconds: changes.intervalSeconds ?? current.intervalSeconds,
    timeoutMs: changes.timeoutMs ?? current.timeoutMs,
    degradedThresholdMs: changes.degradedThresholdMs ?? current.degradedThresholdMs,
    confirmations: changes.confirmations ?? current.confirmations,
    regionQuorum: changes.regionQuorum === undefined ? current.regionQuorum : changes.regionQuorum,
    isPublic: changes.isPublic ?? current.isPublic,
    canary: changes.canary === undefined ? current.canary : changes.canary,
  };
}

interface CheckedChange {
  merged: MonitorSettings;
  /** The headers to save; undefined keeps the saved ones. */
  headers: Record<string, string> | undefined;
  /** The OAuth credentials the monitor will have (saved or submitted), or null. */
  oauth: OAuthClientCredentials | null;
}

/**
 * The merged settings, checked, and the headers and OAuth credentials they
 * will be saved with. Neither saved headers nor saved credentials go to
 * another origin. A canary that is new or changed, or kept while the URL
 * moves, is accepted against the server's tools first (acceptSavedCanary).
 */
async function checkedChange(
  deps: MonitorDeps & ProbingDeps,
  organizationId: string,
  current: SavedMonitor,
  changes: Partial<MonitorSettings>,
  submitted: Record<string, string> | undefined,
  submittedOAuth: OAuthClientCredentials | null | undefined,
): Promise<CheckedChange> {
  const merged = mergedSettings(current, changes);
  checkMonitorSettings(merged, deps.regions);
  const saved = unsealMonitorHeaders(deps.secretKey, current.id, current.headersSealed);
  const savedOAuth = unsealMonitorOAuth(deps.secretKey, current.id, current.oauthSealed);
  if (new URL(merged.url).origin !== new URL(current.url).origin) {
    assertNoSavedHeadersCarried(submitted, saved);
    assertNoSavedOAuthCarried(submittedOAuth, savedOAuth !== null);
  }
  const headers = submitted === undefined ? undefined : keepMaskedValues(submitted, saved);
  const sent = headers ?? saved;
  const oauth =
    submittedOAuth === undefined
      ? savedOAuth === null
        ? null
        : oauthToSave(savedOAuth, savedOAuth, sent)
      : oauthToSave(submittedOAuth, savedOAuth, sent);
  const urlMoved = merged.url !== current.url;
  if (merged.canary !== null && (changes.canary !== undefined || urlMoved)) {
    const spec = unsavedProbeSpec(merged, sent, oauth);
    await acceptSavedCanary(deps, organizationId, current.id, spec, !urlMoved);
  }
  return { merged, headers, oauth };
}

/** A partial update, checked against the merged settings so that fields stay consistent with each other. */
export async function updateMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  monitorId: string,
  input: UpdateMonitorInput,
  now: Date,
): Promise<MonitorView> {
  const { headers: submitted, oauth: submittedOAuth, ...changes } = input;
  const { organizationId } = principal;
  // Checked before the row is locked: accepting a canary may take a probe of the server.
  const before = await ownedMonitor(deps.db, organizationId, monitorId);
  if (!before) throw new NotFound('monitor');
  const early = await checkedChange(deps, organizationId, before, changes, submitted, submittedOAuth);
  const monitor = await inTransaction(deps.db, async (tx) => {
    const current = await ownedMonitor(tx, organizationId, monitorId, { forUpdate: true });
    if (!current) throw new NotFound('monitor');
    // An edit saved in between changed what the check stood on: check again against the locked row.
    const unchanged = current.updatedAt.getTime() === before.updatedAt.getTime();
    const { merged, headers, oauth } = unchanged
      ? early
      : await checkedChange(deps, organizationId, current, changes, submitted, submittedOAuth);
    const sealed = headers === undefined ? {} : sealMonitorHeaders(deps.secretKey, monitorId, headers);
    const sealedOAuth =
      submittedOAuth === undefined ? {} : sealMonitorOAuth(deps.secretKey, monitorId, oauth);
    const updated = await updateOwnedMonitor(tx, organizationId, monitorId, {
      ...merged,
      ...sealed,
      ...sealedOAuth,
      updatedAt: now,
    });
    const knownSchemaHash = await monitorSchemaHash(tx, monitorId);
    return { view: await getMonitor(tx, principal, monitorId), updated, knownSchemaHash };
  });
  deps.onMonitorChanged?.(monitorId);
  if (monitor.updated && !monitor.updated.paused) {
    await checkAtOnce(deps, monitor.updated, monitor.knownSchemaHash, now);
  }
  return monitor.view;
}
