import type { ProbeAuthReport } from '@mcpulse/core';
import type { AuthMode } from '@mcpulse/core/domain';
import type { AttemptOutcome } from '../eras/era-outcome.js';
import { isProbeFailure, ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import { tokenEndpointPost } from './auth-http.js';
import { type BearerChallenge, parseBearerChallenge } from './challenge.js';
import { type DiscoveryFailure, discoverAuthorization } from './discovery.js';
import {
  type AccessToken,
  type AuthDiscovery,
  ConsentRevoked,
  type ProbeAuth,
  TokenError,
} from './probe-auth.js';

export interface AuthorizedOutcome {
  outcome: AttemptOutcome;
  auth: ProbeAuthReport | null;
}

export interface AuthSettings {
  auth: ProbeAuth | undefined;
  /** The monitor sends an `Authorization` header of its own: a 401 refuses it, no discovery is run. */
  ownAuthorization: boolean;
}

function report(
  mode: AuthMode,
  required: boolean,
  found: DiscoveryFailure['partial'] | null,
  failed: Pick<DiscoveryFailure, 'failedStep' | 'reason'> | null = null,
): ProbeAuthReport {
  return {
    required,
    mode,
    resourceMetadataUrl: found?.resourceMetadataUrl ?? null,
    resource: found?.resource ?? null,
    authorizationServers: found?.authorizationServers ?? [],
    issuer: found?.issuer ?? null,
    tokenEndpoint: found?.tokenEndpoint ?? null,
    scopesSupported: found?.scopesSupported ?? [],
    failedStep: failed?.failedStep ?? null,
    reason: failed?.reason ?? null,
  };
}

type AuthStepResult<T> = { value: T; clock: number } | { failure: ProbeFailure | TokenError; clock: number };

/** Runs OAuth work as an attempt of its own on the check's clock, in the `auth` phase. */
async function authStep<T>(ctx: CheckContext, work: () => Promise<T>): Promise<AuthStepResult<T>> {
  const clock = ctx.clock.beginAttempt();
  ctx.enterAuthPhase();
  try {
    return { value: await work(), clock };
  } catch (error) {
    if (error instanceof TokenError || isProbeFailure(error)) return { failure: error, clock };
    throw error;
  } finally {
    ctx.clock.endAttempt();
  }
}

function ended(from: AttemptOutcome, clock: number, failure: ProbeFailure | null): AttemptOutcome {
  return { progress: from.progress, failure, clock, notSse: false, authOnly: true };
}

/** What the server's refusal asks for: a token (401), a token with more scope (403 step-up), or nothing. */
function refusal(
  outcome: AttemptOutcome,
  ctx: CheckContext,
  settings: AuthSettings,
): { status: 401 | 403; challenge: BearerChallenge | null; stepUp: boolean } | null {
  const failure = outcome.failure;
  if (failure?.code !== 'auth_failed') return null;
  const challenge = parseBearerChallenge(failure.challenge);
  if (failure.httpStatus === 401) return { status: 401, challenge, stepUp: false };
  const stepUp =
    failure.httpStatus === 403 &&
    challenge?.error === 'insufficient_scope' &&
    settings.auth !== undefined &&
    ctx.sendsAccessToken;
  return stepUp ? { status: 403, challenge, stepUp } : null;
}

/**
 * The check with the MCP authorization spec around it (docs/probe.md, "Authorization"): a cached
 * token is sent from the first request; a 401 runs discovery and, with a token provider, gets a
 * token and checks again, refreshing once after a 401 with a token and stepping up once after a
 * 403 `insufficient_scope`. Without a provider, a healthy discovery ends the check (auth
 * discovery mode); a broken one is `auth_discovery_failed`, a failed token request `token_error`
 * (`consent_revoked` when the authorization server refused a sign-in's refresh token).
 */
export async function checkAuthorized(
  ctx: CheckContext,
  server: URL,
  settings: AuthSettings,
  negotiate: () => Promise<AttemptOutcome>,
): Promise<AuthorizedOutcome> {
  const provider = settings.auth;
  const post = tokenEndpointPost(ctx);
  let discovery: AuthDiscovery | null = null;
  let discoveredNow = false;
  if (provider) {
    ctx.addSecrets(provider.secrets);
    const cached = await provider
      .accessToken({ discovery: null, forceRefresh: false, scope: null, insufficientScope: false, post })
      .catch((error: unknown) => {
        if (error instanceof TokenError) return null;
        throw error;
      });
    if (cached) {
      ctx.useAccessToken(cached.accessToken);
      discovery = cached.discovery;
    }
  }

  let outcome = await negotiate();
  let refreshed = false;
  let steppedUp = false;
  for (;;) {
    const refused = refusal(outcome, ctx, settings);
    if (refused === null) break;
    if (settings.ownAuthorization) return { outcome, auth: report('headers', refused.status === 401, null) };
    const forceRefresh = refused.status === 401 && ctx.sendsAccessToken;
    if ((forceRefresh && refreshed) || (refused.stepUp && steppedUp)) break;

    const step = await authStep(ctx, async (): Promise<DiscoveryFailure | AccessToken | null> => {
      if (!discoveredNow) {
        const found = await discoverAuthorization(ctx, server, refused.challenge);
        if ('failure' in found) return found.failure;
        discovery = found.discovery;
        discoveredNow = true;
      }
      if (!provider || discovery === null) return null;
      return provider.accessToken({
        discovery,
        forceRefresh,
        scope: refused.challenge?.scope ?? null,
        insufficientScope: refused.stepUp,
        post,
      });
    });
    const mode: AuthMode = provider ? (provider.mode ?? 'credentials') : 'discovery';
    if ('failure' in step) {
      if (isProbeFailure(step.failure))
        return { outcome: ended(outcome, step.clock, step.failure), auth: report(mode, true, discovery) };
      const reason = step.failure.message;
      const code = step.failure instanceof ConsentRevoked ? 'consent_revoked' : 'token_error';
      const failure = new ProbeFailure(code, 'auth', reason);
      return {
        outcome: ended(outcome, step.clock, failure),
        auth: report(mode, true, discovery, { failedStep: 'token', reason }),
      };
    }
    const value = step.value;
    if (value !== null && 'failedStep' in value) {
      const failure = new ProbeFailure(
        'auth_discovery_failed',
        'auth',
        `OAuth discovery failed (${value.failedStep.replaceAll('_', ' ')}): ${value.reason}`,
        { httpStatus: refused.status },
      );
      return { outcome: ended(outcome, step.clock, failure), auth: report(mode, true, value.partial, value) };
    }
    if (!provider)
      return { outcome: ended(outcome, step.clock, null), auth: report('discovery', true, discovery) };
    if (value === null) {
      const reason = 'the token provider returned no access token';
      const failure = new ProbeFailure('token_error', 'auth', reason);
      return {
        outcome: ended(outcome, step.clock, failure),
        auth: report(mode, true, discovery, { failedStep: 'token', reason }),
      };
    }
    ctx.useAccessToken(value.accessToken);
    discovery = value.discovery;
    if (forceRefresh) refreshed = true;
    if (refused.stepUp) steppedUp = true;
    outcome = await negotiate();
  }
  if (!provider) return { outcome, auth: null };
  return { outcome, auth: report(provider.mode ?? 'credentials', discovery !== null, discovery) };
}
