import { secretScrubber } from '@mcpulse/core';
import { OAUTH_CLIENT_REGISTRATION_LABELS } from '@mcpulse/core/domain';
import {
  authorizationUrl,
  exchangeCode,
  fetchAuthorizationServerMetadata,
  type OAuthNetwork,
  type SignInClient,
  SignInError,
  type SignInNeed,
  scopeToRequest,
  signInClient,
  signInServer,
} from '../auth/authorization-code.js';
import {
  type AuthorizationServer,
  authorizationServerFrom,
  defaultAuthorizationServer,
} from '../auth/authorization-server.js';
import { tokenClientSecrets } from '../auth/client-authentication.js';
import { createPkce } from '../auth/pkce.js';
import type { AccessToken, AuthDiscovery, ProbeAuth, TokenRequest } from '../auth/probe-auth.js';
import { TokenError } from '../auth/probe-auth.js';
import { DEFAULT_CLIENT_INFO } from '../eras/client-info.js';
import { type ProbeReport, runProbe } from '../probe.js';
import { PROBE_DEFAULTS, type ProbeOptions, parseTargetUrl } from '../probe-options.js';
import type { AuthorizationCodeFlags } from './auth-flags.js';
import type { CliIo } from './cli-io.js';
import { type LoopbackCallback, startLoopbackCallback } from './loopback-callback.js';
import { openBrowser } from './open-browser.js';

/**
 * Authorizations one run may ask of the person at the browser: the first, and step-ups after
 * a 403 `insufficient_scope`. The spec asks clients to bound these retries.
 */
export const MAX_AUTHORIZATIONS = 3;

/** Why the last check needs (another) authorization, and where to get it. */
interface Need extends SignInNeed {
  /** Where the check looked for protected resource metadata, for a 2025-03-26 server. */
  lookedFor: string | null;
}

/** A check without the protected resource metadata document the 2025-11-25 spec requires. */
function missingResourceMetadata(report: ProbeReport): boolean {
  const auth = report.result.auth;
  return (
    report.result.error?.code === 'auth_discovery_failed' &&
    auth?.failedStep === 'protected_resource_metadata' &&
    auth.resource === null &&
    auth.authorizationServers.length === 0
  );
}

/**
 * The 2025-03-26 revision's discovery, for a server that sends no protected resource metadata:
 * the MCP server's origin is the authorization server, its metadata at the root well-known URL,
 * else the default endpoints.
 */
async function legacyAuthorizationServer(
  network: OAuthNetwork,
  server: URL,
): Promise<{ server: AuthorizationServer; metadata: Record<string, unknown> }> {
  const url = new URL('/.well-known/oauth-authorization-server', server.origin).href;
  const metadata = await fetchAuthorizationServerMetadata(network, url);
  if (metadata === null) return { server: defaultAuthorizationServer(server), metadata: {} };
  const found = authorizationServerFrom(server.origin, metadata);
  if ('problem' in found) throw new SignInError(found.problem);
  return { server: found, metadata };
}

/**
 * What the report says of a 2025-03-26 server's authorization: where the metadata was looked
 * for in vain, and the server's origin as its authorization server.
 */
function legacyDiscovery(
  need: Need,
  resource: string,
  server: AuthorizationServer,
  metadata: Record<string, unknown>,
): AuthDiscovery {
  return {
    resourceMetadataUrl: need.lookedFor ?? '',
    resource,
    authorizationServers: [server.issuer],
    scopesSupported: [],
    issuer: server.issuer,
    tokenEndpoint: server.tokenEndpoint,
    resourceMetadata: {},
    authorizationServerMetadata: metadata as AuthDiscovery['authorizationServerMetadata'],
  };
}

interface SignInState {
  flags: AuthorizationCodeFlags;
  network: OAuthNetwork;
  server: URL;
  io: CliIo;
  secrets: string[];
  loopback: LoopbackCallback | null;
  client: { issuer: string; signedIn: SignInClient } | null;
  scope: string | null;
}

function show(state: SignInState, text: string): void {
  state.io.err(secretScrubber(state.secrets)(text));
}

/** One authorization: register (once per server), send the browser, wait for it, exchange the code. */
async function authorize(state: SignInState, need: Need): Promise<AccessToken> {
  const { flags, network } = state;
  const discovery = need.discovery;
  let server: AuthorizationServer;
  let legacyMetadata: Record<string, unknown> = {};
  if (discovery === null) {
    ({ server, metadata: legacyMetadata } = await legacyAuthorizationServer(network, state.server));
  } else {
    server = signInServer(discovery);
  }
  state.loopback ??= await startLoopbackCallback();
  const loopback = state.loopback;
  if (state.client?.issuer !== server.issuer) {
    const signedIn = await signInClient(network, server, {
      preRegistered: flags.client,
      clientMetadataUrl: flags.clientMetadataUrl,
      redirectUri: loopback.redirectUri,
      clientName: DEFAULT_CLIENT_INFO.name,
    });
    state.secrets.push(...tokenClientSecrets(signedIn.client));
    state.client = { issuer: server.issuer, signedIn };
  }
  const { client, registration } = state.client.signedIn;
  const scope = scopeToRequest(flags.scope, need, state.scope);
  const resource = discovery?.resource ?? state.server.href;
  const pkce = createPkce();
  const { state: oauthState, result } = loopback.expect(flags.timeoutMs);
  const url = authorizationUrl(server, {
    clientId: client.clientId,
    redirectUri: loopback.redirectUri,
    state: oauthState,
    pkce,
    scope,
    resource,
  });
  show(
    state,
    `${state.server.href} needs authorization by ${server.issuer} (client: ${OAUTH_CLIENT_REGISTRATION_LABELS[registration]}${
      scope === null ? '' : `, scope: ${scope}`
    }).\nOpen this URL in a browser to sign in; mcpulse waits for the redirect to ${loopback.redirectUri}:\n\n  ${url}\n`,
  );
  if (flags.open && !(await openBrowser(url))) show(state, 'No browser could be opened: open the URL above.');
  const callback = await result;
  if ('timedOut' in callback)
    throw new SignInError(
      `no redirect came back within ${flags.timeoutMs < 1000 ? `${flags.timeoutMs}ms` : `${Math.round(flags.timeoutMs / 1000)}s`}`,
    );
  if ('error' in callback)
    throw new SignInError(
      `the authorization server refused: ${callback.error}${callback.description ? ` (${callback.description})` : ''}`,
    );
  const token = await exchangeCode(network, server, client, {
    code: callback.code,
    redirectUri: loopback.redirectUri,
    verifier: pkce.verifier,
    resource,
  });
  state.secrets.push(token.accessToken);
  state.scope = scope;
  return {
    accessToken: token.accessToken,
    discovery: discovery ?? legacyDiscovery(need, resource, server, legacyMetadata),
  };
}

/**
 * `mcpulse probe --oauth`: the check, with the person running it signing in when the server asks.
 * The sign-in happens between checks, never inside one, so a check's deadline and timings are
 * those of the check alone: a first check finds what the server asks for (discovery, scope), the
 * sign-in gets a token, and the check runs again with it, at most `MAX_AUTHORIZATIONS` times.
 */
export async function probeWithSignIn(
  options: ProbeOptions,
  flags: AuthorizationCodeFlags,
  io: CliIo,
): Promise<ProbeReport> {
  const state: SignInState = {
    flags,
    network: {
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      ...(options.allowedCidrs ? { allowedCidrs: options.allowedCidrs } : {}),
      ...(options.resolver ? { resolver: options.resolver } : {}),
      timeoutMs: options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs,
      userAgent: `mcpulse/${DEFAULT_CLIENT_INFO.version}`,
    },
    server: parseTargetUrl(options.url),
    io,
    secrets: [
      ...(flags.client?.clientSecret ? [flags.client.clientSecret] : []),
      ...(flags.client?.privateKeyPem ? [flags.client.privateKeyPem] : []),
    ],
    loopback: null,
    client: null,
    scope: null,
  };
  let token: AccessToken | null = null;
  let failure: string | null = null;
  try {
    for (let authorizations = 0; ; ) {
      let asked: TokenRequest | null = null;
      const auth: ProbeAuth = {
        mode: 'sign_in',
        secrets: state.secrets,
        accessToken: async (request) => {
          if (request.discovery === null) return token;
          if (failure !== null) throw new TokenError(failure);
          if (authorizations === MAX_AUTHORIZATIONS)
            throw new TokenError(
              `the server still refuses after ${MAX_AUTHORIZATIONS} sign-ins${request.scope ? ` (it asks for scope ${request.scope})` : ''}`,
            );
          asked = request;
          return null;
        },
      };
      const report = await runProbe({ ...options, auth });
      const request = asked as TokenRequest | null;
      const need: Need | null = request
        ? { discovery: request.discovery, scope: request.scope, lookedFor: null }
        : token === null && failure === null && missingResourceMetadata(report)
          ? { discovery: null, scope: null, lookedFor: report.result.auth?.resourceMetadataUrl ?? null }
          : null;
      if (need === null) return report;
      try {
        token = await authorize(state, need);
        authorizations += 1;
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        failure = `sign-in failed: ${error.message}`;
        show(state, failure);
        // A server without discovery is not asked again: its check already says why it failed.
        if (need.discovery === null) return report;
      }
    }
  } finally {
    await state.loopback?.close();
  }
}
