import { createHash, createPrivateKey } from 'node:crypto';
import { MASKED_HEADER_VALUE } from './domain/monitor-values.js';
import type { OAuthClientAuthMethod } from './domain/probe-values.js';
import { ValidationFailed } from './domain-errors.js';
import { seal, unseal } from './secret-box.js';

/** A monitor's OAuth client (the MCP client-credentials extension); the secret or key is sealed at rest. */
export interface OAuthClientCredentials {
  clientId: string;
  authMethod: OAuthClientAuthMethod;
  /** For `client_secret_basic` and `client_secret_post`. */
  clientSecret?: string;
  /** PEM private key (RSA or EC P-256) for `private_key_jwt`. */
  privateKey?: string;
  /** Space-separated scopes to ask for. */
  scope?: string;
  /**
   * The authorization server the credentials belong to: when set, they are only ever sent to it,
   * whichever one the monitored server names (a `token_error` otherwise).
   */
  issuer?: string;
}

/** What of a monitor's OAuth client is kept in clear and answered by the API (never the secret or key). */
export interface OAuthClientSummary {
  clientId: string;
  authMethod: OAuthClientAuthMethod;
  scope: string | null;
  issuer: string | null;
}

function context(monitorId: string): string {
  return `monitor-oauth:${monitorId}`;
}

/** The credentials sealed with AES-256-GCM, bound to the monitor, and their summary in clear. */
export function sealMonitorOAuth(
  secretKey: Buffer,
  monitorId: string,
  credentials: OAuthClientCredentials | null,
): { oauthSealed: string | null; oauthClient: OAuthClientSummary | null } {
  if (credentials === null) return { oauthSealed: null, oauthClient: null };
  return {
    oauthSealed: seal(secretKey, JSON.stringify(credentials), context(monitorId)),
    oauthClient: {
      clientId: credentials.clientId,
      authMethod: credentials.authMethod,
      scope: credentials.scope ?? null,
      issuer: credentials.issuer ?? null,
    },
  };
}

export function unsealMonitorOAuth(
  secretKey: Buffer,
  monitorId: string,
  oauthSealed: string | null,
): OAuthClientCredentials | null {
  if (oauthSealed === null) return null;
  return JSON.parse(unseal(secretKey, oauthSealed, context(monitorId))) as OAuthClientCredentials;
}

/**
 * The version of sealed credentials: tokens are cached per monitor and version, so a changed
 * secret never reuses a token the old one got. Each sealing has a fresh IV, hence a new version.
 */
export function oauthCredentialsVersion(oauthSealed: string): string {
  return createHash('sha256').update(oauthSealed).digest('hex').slice(0, 16);
}

/**
 * Resolves masked values against the saved credentials (a form sends the mask back for a
 * secret it never saw) and checks what the method needs: a 400 naming the field otherwise.
 */
export function resolveOAuthCredentials(
  submitted: OAuthClientCredentials,
  saved: OAuthClientCredentials | null,
): OAuthClientCredentials {
  const keep = (field: 'clientSecret' | 'privateKey'): string | undefined => {
    const value = submitted[field];
    if (value !== MASKED_HEADER_VALUE) return value;
    const kept = saved?.[field];
    if (kept === undefined) {
      throw new ValidationFailed(`oauth.${field}`, 'the masked value keeps a saved value, and none is saved');
    }
    return kept;
  };
  const resolved: OAuthClientCredentials = { clientId: submitted.clientId, authMethod: submitted.authMethod };
  if (submitted.scope) resolved.scope = submitted.scope;
  if (submitted.issuer) resolved.issuer = submitted.issuer;
  if (submitted.authMethod === 'private_key_jwt') {
    const privateKey = keep('privateKey');
    if (!privateKey)
      throw new ValidationFailed('oauth.privateKey', 'private_key_jwt needs a PEM private key');
    let key: ReturnType<typeof createPrivateKey>;
    try {
      key = createPrivateKey(privateKey);
    } catch {
      throw new ValidationFailed('oauth.privateKey', 'not a PEM private key');
    }
    const p256 = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
    if (key.asymmetricKeyType !== 'rsa' && !p256) {
      throw new ValidationFailed('oauth.privateKey', 'must be an RSA or EC P-256 key');
    }
    resolved.privateKey = privateKey;
  } else {
    const clientSecret = keep('clientSecret');
    if (!clientSecret)
      throw new ValidationFailed('oauth.clientSecret', `${submitted.authMethod} needs a client secret`);
    resolved.clientSecret = clientSecret;
  }
  return resolved;
}

/** A monitor's OAuth client as the API answers it: the secret or key only as a mask. */
export interface MaskedOAuthClient extends OAuthClientSummary {
  clientSecret?: typeof MASKED_HEADER_VALUE;
  privateKey?: typeof MASKED_HEADER_VALUE;
}

export function maskOAuthClient(client: OAuthClientSummary): MaskedOAuthClient {
  return client.authMethod === 'private_key_jwt'
    ? { ...client, privateKey: MASKED_HEADER_VALUE }
    : { ...client, clientSecret: MASKED_HEADER_VALUE };
}
