import { Conflict } from '@mcpulse/core';
import { DEFAULT_CLIENT_INFO, type OAuthNetwork } from '@mcpulse/probe';

/** Where the authorization server sends the browser back (the redirect URI), under the public URL. */
export const CALLBACK_PATH = '/api/v1/oauth/callback';
/** Where mcpulse serves its Client ID Metadata Document, under the public URL. */
export const CLIENT_METADATA_PATH = '/api/v1/oauth/client-metadata.json';

/** One deadline for each request of a sign-in (metadata, registration, token). */
const SIGN_IN_REQUEST_TIMEOUT_MS = 10_000;

/** The deployment's public URL; "Connect with OAuth" cannot work without one. */
export function requirePublicUrl(publicUrl: string | undefined): string {
  if (publicUrl === undefined)
    throw new Conflict('Connect with OAuth needs the public URL of this deployment: set MCPULSE_PUBLIC_URL');
  return publicUrl;
}

export function redirectUriOf(publicUrl: string): string {
  return `${publicUrl}${CALLBACK_PATH}`;
}

/**
 * The URL of mcpulse's Client ID Metadata Document, its `client_id` where an authorization
 * server takes those; null on plain http, which the draft does not allow as a client id.
 */
export function clientMetadataUrlOf(publicUrl: string): string | null {
  return publicUrl.startsWith('https://') ? `${publicUrl}${CLIENT_METADATA_PATH}` : null;
}

/**
 * mcpulse's Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document): a public
 * client (PKCE, no secret) whose only redirect URI is this deployment's callback, asking for the
 * refresh tokens a monitor keeps.
 */
export function clientMetadataDocument(publicUrl: string) {
  return {
    client_id: clientMetadataUrlOf(publicUrl) ?? `${publicUrl}${CLIENT_METADATA_PATH}`,
    client_name: DEFAULT_CLIENT_INFO.name,
    client_uri: publicUrl,
    redirect_uris: [redirectUriOf(publicUrl)],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
}

/** The network rules of a sign-in's own requests: the deployment's address policy, one deadline each. */
export function signInNetwork(deps: {
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[] | undefined;
}): OAuthNetwork {
  return {
    allowPrivateAddresses: deps.allowPrivateTargets,
    ...(deps.allowedTargetCidrs ? { allowedCidrs: deps.allowedTargetCidrs } : {}),
    timeoutMs: SIGN_IN_REQUEST_TIMEOUT_MS,
    userAgent: `mcpulse/${DEFAULT_CLIENT_INFO.version}`,
  };
}
