import {
  checkMonitorSettings,
  keepMaskedValues,
  type MonitorSettings,
  NotFound,
  type OAuthClientCredentials,
  type OAuthConnection,
  sealMonitorConnection,
  sealMonitorHeaders,
  sealMonitorOAuth,
  unsavedProbeSpec,
  unsealMonitorConnection,
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
import { claimConnection, connectionForForm } from '../oauth/claim-connection.js';
import { acceptSavedCanary } from './canary/canary-probe.js';
import { checkAtOnce } from './check-at-once.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps, ProbingDeps } from './monitor-deps.js';
import { assertNoSavedOAuthCarried, assertOneAuthorization, oauthToSave } from './oauth-input.js';

export type UpdateMonitorInput = Partial<MonitorSettings> & {
  /** Replaces the whole set; a masked value keeps the saved value of that name. */
  headers?: Record<string, string> | undefined;
  /** Replaces the credentials; a masked secret or key keeps the saved one; null removes them. */
  oauth?: OAuthClientCredentials | null | undefined;
  /** A connection the form made replaces the saved one; null disconnects. */
  oauthConnection?: string | null | undefined;
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
  /**
   * The OAuth connection the monitor will have, kept current by the checks made here (a rotated
   * refresh token), or null; and the generation it was saved at (null when it is not the saved one).
   */
  connection: { value: OAuthConnection } | null;
  savedGeneration: number | null;
}

/** What was submitted besides the settings: headers, OAuth credentials, an OAuth connection. */
interface SubmittedAuth {
  headers: Record<string, string> | undefined;
  oauth: OAuthClientCredentials | null | undefined;
  connection: string | null | undefined;
}

/**
 * The merged settings, checked, and the headers, OAuth credentials and connection they will be
 * saved with. Neither saved headers nor saved credentials nor a saved connection go to another
 * origin. A canary that is new or changed, or kept while the URL moves, is accepted against the
 * server's tools first (acceptSavedCanary).
 */
async function checkedChange(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  current: SavedMonitor,
  changes: Partial<MonitorSettings>,
  submitted: SubmittedAuth,
  now: Date,
): Promise<CheckedChange> {
  const merged = mergedSettings(current, changes);
  checkMonitorSettings(merged, deps.regions);
  const saved = unsealMonitorHeaders(deps.secretKey, current.id, current.headersSealed);
  const savedOAuth = unsealMonitorOAuth(deps.secretKey, current.id, current.oauthSealed);
  const savedConnection = unsealMonitorConnection(deps.secretKey, current.id, current.oauthConnectionSealed);
  if (new URL(merged.url).origin !== new URL(current.url).origin) {
    assertNoSavedHeadersCarried(submitted.headers, saved);
    assertNoSavedOAuthCarried(submitted.oauth, savedOAuth !== null);
    if (submitted.connection === undefined && savedConnection !== null)
      throw new ValidationFailed(
        'oauthConnection',
        'oauthConnection: the URL moves to another origin, and the saved OAuth connection is not used there: connect again, or null for none',
      );
  }
  const headers = submitted.headers === undefined ? undefined : keepMaskedValues(submitted.headers, saved);
  const sent = headers ?? saved;
  const connection =
    submitted.connection === undefined
      ? savedConnection
      : submitted.connection === null
        ? null
        : await connectionForForm(deps, principal, submitted.connection, merged.url, now);
  // A new connection takes the place of saved client credentials.
  const keptOAuth = submitted.connection ? null : savedOAuth;
  const oauth =
    submitted.oauth === undefined
      ? keptOAuth === null
        ? null
        : oauthToSave(keptOAuth, keptOAuth, sent)
      : oauthToSave(submitted.oauth, savedOAuth, sent);
  assertOneAuthorization(oauth, connection !== null, sent);
  const holder = connection === null ? null : { value: connection };
  const urlMoved = merged.url !== current.url;
  if (merged.canary !== null && (changes.canary !== undefined || urlMoved)) {
    const spec = { ...unsavedProbeSpec(merged, sent, oauth), connection: holder };
    await acceptSavedCanary(deps, principal.organizationId, current.id, spec, !urlMoved);
  }
  return {
    merged,
    headers,
    oauth,
    connection: holder,
    savedGeneration: submitted.connection === undefined ? (savedConnection?.generation ?? null) : null,
  };
}

/** The OAuth columns an update writes: only what changed, a rotated saved connection included. */
function oauthColumns(secretKey: Buffer, monitorId: string, submitted: SubmittedAuth, change: CheckedChange) {
  const credentialsChanged = submitted.oauth !== undefined || Boolean(submitted.connection);
  const connection = change.connection?.value ?? null;
  const connectionChanged =
    submitted.connection !== undefined ||
    (connection !== null &&
      change.savedGeneration !== null &&
      connection.generation > change.savedGeneration);
  return {
    ...(credentialsChanged ? sealMonitorOAuth(secretKey, monitorId, change.oauth) : {}),
    ...(connectionChanged ? sealMonitorConnection(secretKey, monitorId, connection) : {}),
  };
}

/** A partial update, checked against the merged settings so that fields stay consistent with each other. */
export async function updateMonitor(
  deps: MonitorDeps & ProbingDeps,
  principal: Principal,
  monitorId: string,
  input: UpdateMonitorInput,
  now: Date,
): Promise<MonitorView> {
  const { headers, oauth, oauthConnection, ...changes } = input;
  const submitted: SubmittedAuth = { headers, oauth, connection: oauthConnection };
  const { organizationId } = principal;
  // Checked before the row is locked: accepting a canary may take a probe of the server.
  const before = await ownedMonitor(deps.db, organizationId, monitorId);
  if (!before) throw new NotFound('monitor');
  const early = await checkedChange(deps, principal, before, changes, submitted, now);
  const monitor = await inTransaction(deps.db, async (tx) => {
    const current = await ownedMonitor(tx, organizationId, monitorId, { forUpdate: true });
    if (!current) throw new NotFound('monitor');
    // An edit saved in between changed what the check stood on: check again against the locked row.
    const unchanged = current.updatedAt.getTime() === before.updatedAt.getTime();
    const change = unchanged ? early : await checkedChange(deps, principal, current, changes, submitted, now);
    if (oauthConnection) await claimConnection(tx, principal, oauthConnection, now);
    const sealed =
      change.headers === undefined ? {} : sealMonitorHeaders(deps.secretKey, monitorId, change.headers);
    const updated = await updateOwnedMonitor(tx, organizationId, monitorId, {
      ...change.merged,
      ...sealed,
      ...oauthColumns(deps.secretKey, monitorId, submitted, change),
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
