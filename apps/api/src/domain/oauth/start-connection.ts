import { randomBytes, randomUUID } from 'node:crypto';
import {
  Forbidden,
  keepMaskedValues,
  NotFound,
  seal,
  secretScrubber,
  storableText,
  unsealMonitorHeaders,
  ValidationFailed,
} from '@mcpulse/core';
import { OAUTH_CONNECTION_LIMITS, type TransportPreference } from '@mcpulse/core/domain';
import { deleteExpiredOAuthAuthorizations, insertOAuthAuthorization, ownedMonitor } from '@mcpulse/db';
import {
  authorizationUrl,
  createPkce,
  DEFAULT_CLIENT_INFO,
  discoverSignIn,
  SignInError,
  scopeToRequest,
  signInClient,
  signInServer,
} from '@mcpulse/probe';
import type { Principal } from '../../auth/principal.js';
import { sha256 } from '../../auth/tokens.js';
import {
  type AuthorizationRequestState,
  authorizationContext,
  connectionClient,
  withOfflineAccess,
} from './authorization-request.js';
import type { OAuthDeps } from './oauth-deps.js';
import { clientMetadataUrlOf, redirectUriOf, requirePublicUrl, signInNetwork } from './public-client.js';

/** What is signed in to: a saved monitor, or the settings of a form not saved yet. */
export type ConnectTarget =
  | { monitorId: string }
  | { settings: { url: string; transport: TransportPreference; headers: Record<string, string> } };

/** What the person says of the client; everything else is found. */
export interface ClientChoice {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  scope?: string | undefined;
}

export interface ConnectionStarted {
  connectionId: string;
  authorizationUrl: string;
  expiresAt: Date;
}

/** The deadline of the check that finds where to sign in. */
const DISCOVERY_TIMEOUT_MS = 10_000;

/** A session's principal, with the session's hash: a sign-in belongs to the session that starts it. */
export function sessionOwner(principal: Principal): { organizationId: string; sessionHash: string } {
  if (principal.kind !== 'session' || principal.sessionHash === null)
    throw new Forbidden('only a signed-in user can connect with OAuth, not an API key');
  return { organizationId: principal.organizationId, sessionHash: principal.sessionHash };
}

async function targetOf(deps: OAuthDeps, organizationId: string, target: ConnectTarget) {
  if ('settings' in target) {
    const headers = keepMaskedValues(target.settings.headers, {});
    return { monitorId: null, ...target.settings, headers, timeoutMs: DISCOVERY_TIMEOUT_MS };
  }
  const monitor = await ownedMonitor(deps.db, organizationId, target.monitorId);
  if (!monitor) throw new NotFound('monitor');
  return {
    monitorId: monitor.id,
    url: monitor.url,
    transport: monitor.transport,
    headers: unsealMonitorHeaders(deps.secretKey, monitor.id, monitor.headersSealed),
    timeoutMs: monitor.timeoutMs,
  };
}

/**
 * Starts "Connect with OAuth" (docs/probe.md): a check finds where the server sends clients to
 * authorize (discovery, the challenge's scope); the client is chosen in the spec's order (the
 * person's pre-registered client, mcpulse's Client ID Metadata Document, dynamic registration);
 * PKCE and a state are made and kept, sealed, bound to the session and organisation, for a few
 * minutes and one redirect. Answers the authorization URL for the person's browser.
 */
export async function startConnection(
  deps: OAuthDeps,
  principal: Principal,
  target: ConnectTarget,
  choice: ClientChoice,
  now: Date,
): Promise<ConnectionStarted> {
  const owner = sessionOwner(principal);
  const publicUrl = requirePublicUrl(deps.publicUrl);
  const checked = await targetOf(deps, owner.organizationId, target);
  if (Object.keys(checked.headers).some((name) => name.toLowerCase() === 'authorization'))
    throw new ValidationFailed(
      'headers',
      'headers: a monitor authenticates with an Authorization header or with OAuth, not both: remove the header',
    );
  const found = await deps.probeSlots.run(owner.organizationId, () =>
    discoverSignIn(deps.probe, {
      url: checked.url,
      transport: checked.transport,
      headers: checked.headers,
      timeoutMs: checked.timeoutMs,
      allowPrivateAddresses: deps.allowPrivateTargets,
      ...(deps.allowedTargetCidrs ? { allowedCidrs: deps.allowedTargetCidrs } : {}),
    }),
  );
  if (found.need === null) {
    const { error, auth } = found.report.result;
    const why =
      error === null
        ? 'the server asked for no authorization'
        : auth?.reason
          ? `OAuth discovery failed: ${auth.reason}`
          : `${error.code}: ${error.message}`;
    throw new ValidationFailed('url', `url: cannot connect with OAuth: ${storableText(why, 400)}`);
  }
  const network = signInNetwork(deps);
  const redirectUri = redirectUriOf(publicUrl);
  let state: AuthorizationRequestState;
  let url: string;
  const id = randomUUID();
  const oauthState = randomBytes(32).toString('base64url');
  try {
    const server = signInServer(found.need.discovery);
    const signedIn = await signInClient(network, server, {
      preRegistered: choice.clientId
        ? {
            clientId: choice.clientId,
            method: null,
            clientSecret: choice.clientSecret ?? null,
            privateKeyPem: null,
          }
        : null,
      clientMetadataUrl: clientMetadataUrlOf(publicUrl),
      redirectUri,
      clientName: DEFAULT_CLIENT_INFO.name,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    const pkce = createPkce();
    const scope = withOfflineAccess(
      scopeToRequest(choice.scope ?? null, found.need, null),
      found.need.discovery.authorizationServerMetadata,
    );
    const resource = found.need.discovery.resource;
    state = {
      verifier: pkce.verifier,
      redirectUri,
      server,
      client: connectionClient(signedIn.client),
      registration: signedIn.registration,
      resource,
      scope,
    };
    url = authorizationUrl(server, {
      clientId: signedIn.client.clientId,
      redirectUri,
      state: oauthState,
      pkce,
      scope,
      resource,
    });
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    const field = choice.clientId ? 'clientId' : 'url';
    const scrub = secretScrubber(choice.clientSecret ? [choice.clientSecret] : []);
    throw new ValidationFailed(field, `${field}: ${storableText(error.message, 600, scrub)}`);
  }
  const expiresAt = new Date(now.getTime() + OAUTH_CONNECTION_LIMITS.pendingMs);
  await deleteExpiredOAuthAuthorizations(deps.db, now);
  await insertOAuthAuthorization(deps.db, {
    id,
    stateHash: sha256(oauthState),
    organizationId: owner.organizationId,
    sessionHash: owner.sessionHash,
    monitorId: checked.monitorId,
    url: checked.url,
    requestSealed: seal(deps.secretKey, JSON.stringify(state), authorizationContext(id)),
    createdAt: now,
    expiresAt,
  });
  return { connectionId: id, authorizationUrl: url, expiresAt };
}
