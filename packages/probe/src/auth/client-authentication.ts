import { constants, createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { OAuthClientAuthMethod } from '@mcpulse/core/domain';

/** An OAuth client as the token endpoint knows it, with what it authenticates with. */
export type TokenClient =
  | { clientId: string; method: 'none' }
  | { clientId: string; method: Exclude<OAuthClientAuthMethod, 'private_key_jwt'>; clientSecret: string }
  | { clientId: string; method: 'private_key_jwt'; privateKeyPem: string };

/** The form fields and headers that authenticate a client in one token request. */
export interface ClientAuthenticationParts {
  form: Record<string, string>;
  headers: Record<string, string>;
}

/** How long a client assertion is valid: one token request, with room for clock skew. */
const ASSERTION_LIFETIME_S = 300;

/** RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded. */
function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** The JWS algorithm a key signs with, and how (RFC 7518, RFC 8037). */
function signer(key: KeyObject): { alg: string; sign(data: Buffer): Buffer } {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const byCurve: Record<string, [string, string]> = {
      prime256v1: ['ES256', 'sha256'],
      secp384r1: ['ES384', 'sha384'],
      secp521r1: ['ES512', 'sha512'],
    };
    const found = curve === undefined ? undefined : byCurve[curve];
    if (!found) throw new Error(`an EC key on ${curve ?? 'an unknown curve'} has no JWS algorithm`);
    const [alg, hash] = found;
    return { alg, sign: (data) => sign(hash, data, { key, dsaEncoding: 'ieee-p1363' }) };
  }
  if (type === 'rsa') return { alg: 'RS256', sign: (data) => sign('sha256', data, key) };
  if (type === 'rsa-pss')
    return {
      alg: 'PS256',
      sign: (data) => sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
    };
  if (type === 'ed25519') return { alg: 'EdDSA', sign: (data) => sign(null, data, key) };
  throw new Error(`a ${type ?? 'unknown'} key cannot sign a client assertion`);
}

/**
 * A client assertion (RFC 7523 §3, `private_key_jwt`): the client is issuer and subject, the
 * authorization server's issuer identifier the audience (as draft-ietf-oauth-rfc7523bis asks,
 * so the assertion cannot be replayed at another server's token endpoint).
 */
export function clientAssertion(clientId: string, privateKeyPem: string, audience: string): string {
  const key = createPrivateKey(privateKeyPem);
  const { alg, sign: signWith } = signer(key);
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg, typ: 'JWT' })}.${encode({
    iss: clientId,
    sub: clientId,
    aud: audience,
    iat: now,
    exp: now + ASSERTION_LIFETIME_S,
    jti: randomUUID(),
  })}`;
  return `${input}.${signWith(Buffer.from(input)).toString('base64url')}`;
}

/**
 * What authenticates `client` in a token request to the authorization server `issuer`:
 * `client_secret_basic` an `Authorization: Basic` header, `client_secret_post` the id and secret
 * in the form, `private_key_jwt` a signed assertion, `none` (a public client) its id alone.
 */
export function clientAuthentication(client: TokenClient, issuer: string): ClientAuthenticationParts {
  switch (client.method) {
    case 'none':
      return { form: { client_id: client.clientId }, headers: {} };
    case 'client_secret_post':
      return { form: { client_id: client.clientId, client_secret: client.clientSecret }, headers: {} };
    case 'client_secret_basic': {
      const pair = `${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`;
      return { form: {}, headers: { authorization: `Basic ${Buffer.from(pair).toString('base64')}` } };
    }
    case 'private_key_jwt':
      return {
        form: {
          client_id: client.clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion(client.clientId, client.privateKeyPem, issuer),
        },
        headers: {},
      };
  }
}

/** The values of a token client that must never be shown: its secret or its key. */
export function tokenClientSecrets(client: TokenClient): string[] {
  if (client.method === 'none') return [];
  return client.method === 'private_key_jwt' ? [client.privateKeyPem] : [client.clientSecret];
}

/** A successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  accessToken: string;
  /** Seconds, when the server said. */
  expiresIn: number | null;
  /** The scope granted, when the server said (it may differ from the one asked for). */
  scope: string | null;
  refreshToken: string | null;
}

function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Reads a token endpoint's answer: a JSON object with a bearer `access_token`, or a problem
 * saying why not (RFC 6749 §5.2 errors by their code and description). The problem quotes the
 * server: the caller scrubs it of secrets before showing it.
 */
export function parseTokenResponse(
  status: number,
  body: string,
): TokenResponse | { problem: string; error: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const object =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  if (status < 200 || status > 299) {
    const error = object && typeof object.error === 'string' ? object.error : null;
    const description =
      object && typeof object.error_description === 'string' ? `: ${excerpt(object.error_description)}` : '';
    return {
      problem: error ? `HTTP ${status}, ${error}${description}` : `HTTP ${status} ${excerpt(body)}`.trim(),
      error,
    };
  }
  if (object === null)
    return { problem: `HTTP ${status} but not a JSON object: ${excerpt(body)}`, error: null };
  const token = object.access_token;
  if (typeof token !== 'string' || token === '')
    return { problem: 'the answer has no access_token', error: null };
  const type = object.token_type;
  if (typeof type !== 'string' || type.toLowerCase() !== 'bearer')
    return {
      problem: `the token type is ${typeof type === 'string' ? `"${excerpt(type, 40)}"` : 'missing'}, not Bearer`,
      error: null,
    };
  const expiresIn = object.expires_in;
  return {
    accessToken: token,
    expiresIn:
      typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : null,
    scope: typeof object.scope === 'string' ? object.scope : null,
    refreshToken: typeof object.refresh_token === 'string' ? object.refresh_token : null,
  };
}
