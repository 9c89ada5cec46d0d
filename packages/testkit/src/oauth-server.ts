import { createPublicKey, randomBytes, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { pathOf, startFixtureHttp } from './fixture-http.js';
import type { RecordedRequest } from './fixture-server.js';
import {
  type AuthorizationRecord,
  type CodeGrantOptions,
  createCodeGrant,
  type RefreshRecord,
} from './oauth-code-grant.js';

/** A client the authorization server knows, by pre-registration. */
export interface TestOAuthClient {
  clientId: string;
  /** For client_secret_basic and client_secret_post. */
  clientSecret?: string;
  /** PEM public key (RSA or P-256) for private_key_jwt (RFC 7523). */
  publicKeyPem?: string;
  /** Scopes it may be granted; what it gets when it asks for none is all of them. */
  scopes: string[];
  /** Redirect URIs for the authorization-code grant; a loopback one on any port when not given. */
  redirectUris?: string[];
}

export interface TestOAuthServerOptions {
  clients: TestOAuthClient[];
  /** The issuer's path (`/tenant1`): its metadata is then found by path insertion. */
  issuerPath?: string;
  /** Where the metadata is served: RFC 8414, OpenID discovery, or nowhere (every lookup 404). */
  metadata?: 'oauth' | 'openid' | 'none';
  /** An `issuer` other than the server's own, for a broken variant. */
  claimedIssuer?: string;
  /** A `token_endpoint` other than the server's own, for a variant pointing elsewhere. */
  advertisedTokenEndpoint?: string;
  /** Lifetime of the access tokens issued. */
  tokenTtlSeconds?: number;
  /** The `token_type` of the answers (`Bearer`); null leaves it out, as a broken server would. */
  tokenType?: string | null;
  /** Serve the authorization-code grant with PKCE too (a browser that always says yes). */
  codeGrant?: CodeGrantOptions;
}

export interface TokenGrant {
  clientId: string;
  scopes: string[];
  authMethod: string;
}

export interface TestOAuthServer {
  /** The issuer identifier, as protected resource metadata names it. */
  issuer: string;
  tokenEndpoint: string;
  /** Checks tokens for the SDK's `requireBearerAuth`. */
  verifier: { verifyAccessToken(token: string): Promise<AuthInfo> };
  /** Every token issued, in order. */
  grants: TokenGrant[];
  /** Every authorization request of the code grant, in order. */
  authorizations: AuthorizationRecord[];
  /** Every request of the refresh_token grant, in order (`codeGrant.refreshTokens`). */
  refreshes: RefreshRecord[];
  /** The person revokes their consent: every refresh token is refused (`invalid_grant`) from now on. */
  revokeConsent(): void;
  requests: RecordedRequest[];
  /** Forgets every token issued so far: the next request with one is answered 401. */
  revokeAll(): void;
  /** The token endpoint answers the next `count` requests with this HTTP status. */
  failTokenRequests(status: number, count?: number): void;
  close(): Promise<void>;
}

interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

class OAuthFailure extends Error {
  constructor(
    readonly error: string,
    description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function base64urlJson(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthFailure('invalid_client', 'client_assertion is not a JWT', 401);
  }
}

/** RFC 7523 §3: the assertion's signature, issuer, subject, audience and lifetime. */
function verifyAssertion(assertion: string, client: TestOAuthClient, audiences: string[], seen: Set<string>) {
  if (!client.publicKeyPem) throw new OAuthFailure('invalid_client', 'client has no key', 401);
  const [head, body, signature] = assertion.split('.');
  const header = base64urlJson(head);
  const claims = base64urlJson(body);
  const key = createPublicKey(client.publicKeyPem);
  const algorithm = header.alg === 'RS256' ? 'RSA-SHA256' : header.alg === 'ES256' ? 'SHA256' : null;
  if (algorithm === null)
    throw new OAuthFailure('invalid_client', `alg ${String(header.alg)} not accepted`, 401);
  const valid = verifySignature(
    algorithm,
    Buffer.from(`${head}.${body}`),
    header.alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    Buffer.from(signature ?? '', 'base64url'),
  );
  if (!valid) throw new OAuthFailure('invalid_client', 'client_assertion signature is invalid', 401);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const now = Date.now() / 1000;
  if (claims.iss !== client.clientId || claims.sub !== client.clientId)
    throw new OAuthFailure('invalid_client', 'iss and sub must be the client_id', 401);
  if (!audience.some((aud) => audiences.includes(String(aud))))
    throw new OAuthFailure('invalid_client', 'aud is not this server', 401);
  if (typeof claims.exp !== 'number' || claims.exp < now)
    throw new OAuthFailure('invalid_client', 'client_assertion expired', 401);
  if (typeof claims.jti !== 'string' || seen.has(claims.jti))
    throw new OAuthFailure('invalid_client', 'client_assertion replayed', 401);
  seen.add(claims.jti);
}

/**
 * A small, real OAuth 2.1 authorization server for the client-credentials grant: metadata by
 * RFC 8414 or OpenID discovery (with path insertion for an issuer with a path), a token endpoint
 * that authenticates clients by `client_secret_basic`, `client_secret_post` or `private_key_jwt`,
 * and opaque tokens the SDK's bearer middleware checks through `verifier`. The SDK's own token
 * handler serves only the authorization-code and refresh grants, hence this one.
 */
export async function startTestOAuthServer(options: TestOAuthServerOptions): Promise<TestOAuthServer> {
  const issuerPath = (options.issuerPath ?? '').replace(/\/$/, '');
  const tokens = new Map<string, IssuedToken>();
  const grants: TokenGrant[] = [];
  const assertionIds = new Set<string>();
  let failures: { status: number; count: number } | null = null;
  let issuer = '';
  let tokenEndpoint = '';
  const clients: TestOAuthClient[] = [...options.clients];
  const scopesSupported = () => [...new Set(options.clients.flatMap((client) => client.scopes))];

  const metadata = () => ({
    issuer: options.claimedIssuer ?? issuer,
    token_endpoint: options.advertisedTokenEndpoint ?? tokenEndpoint,
    authorization_endpoint: `${issuer}/authorize`,
    response_types_supported: ['code'],
    grant_types_supported: [
      'client_credentials',
      ...(options.codeGrant ? ['authorization_code'] : []),
      ...(options.codeGrant?.refreshTokens ? ['refresh_token'] : []),
    ],
    token_endpoint_auth_methods_supported: [
      ...(options.codeGrant ? ['none'] : []),
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: scopesSupported(),
    ...codeGrant.metadata(),
  });

  const authenticate = (
    req: IncomingMessage,
    form: URLSearchParams,
  ): { client: TestOAuthClient; method: string } => {
    const find = (id: string | null) => clients.find((client) => client.clientId === id);
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      const client = find(id ?? null);
      if (!client?.clientSecret || !sameSecret(client.clientSecret, secret ?? ''))
        throw new OAuthFailure('invalid_client', 'client authentication failed', 401);
      return { client, method: 'client_secret_basic' };
    }
    const assertion = form.get('client_assertion');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        throw new OAuthFailure('invalid_client', 'unsupported client_assertion_type', 401);
      const claimed = base64urlJson(assertion.split('.')[1]).iss;
      const client = find(typeof claimed === 'string' ? claimed : null);
      if (!client) throw new OAuthFailure('invalid_client', 'unknown client', 401);
      verifyAssertion(assertion, client, [tokenEndpoint, issuer], assertionIds);
      return { client, method: 'private_key_jwt' };
    }
    const client = find(form.get('client_id'));
    const secret = form.get('client_secret');
    if (!client?.clientSecret || secret === null || !sameSecret(client.clientSecret, secret))
      throw new OAuthFailure('invalid_client', 'client authentication failed', 401);
    return { client, method: 'client_secret_post' };
  };

  const issue = (
    res: ServerResponse,
    client: TestOAuthClient,
    scopes: string[],
    method: string,
    fields: Record<string, string> = {},
  ) => {
    const token = randomBytes(24).toString('base64url');
    const ttl = options.tokenTtlSeconds ?? 3600;
    tokens.set(token, { clientId: client.clientId, scopes, expiresAt: Date.now() / 1000 + ttl });
    grants.push({ clientId: client.clientId, scopes, authMethod: method });
    const tokenType = options.tokenType === undefined ? 'Bearer' : options.tokenType;
    sendJson(res, 200, {
      access_token: token,
      ...(tokenType === null ? {} : { token_type: tokenType }),
      expires_in: ttl,
      scope: scopes.join(' '),
      ...fields,
    });
  };

  const codeGrant = createCodeGrant(options.codeGrant ?? {}, {
    issuer: () => issuer,
    clients: () => clients,
    register: (client) => clients.push(client),
    scopesSupported,
    // Public clients send no credentials: then there is nothing to authenticate.
    authenticate: (req, form) =>
      req.headers.authorization || form.has('client_assertion') || form.has('client_secret')
        ? authenticate(req, form)
        : null,
    issue,
    fail: (res, status, error, description) =>
      sendJson(res, status, { error, error_description: description }),
  });

  const issueToken = async (req: IncomingMessage, res: ServerResponse) => {
    if (failures !== null && failures.count > 0) {
      failures.count -= 1;
      return sendJson(res, failures.status, {
        error: 'server_error',
        error_description: 'failing on purpose',
      });
    }
    const form = await readForm(req);
    try {
      if (options.codeGrant && form.get('grant_type') === 'authorization_code')
        return await codeGrant.exchange(req, form, res);
      if (options.codeGrant?.refreshTokens && form.get('grant_type') === 'refresh_token')
        return await codeGrant.refresh(req, form, res);
      if (form.get('grant_type') !== 'client_credentials')
        throw new OAuthFailure('unsupported_grant_type', 'only client_credentials is served');
      const { client, method } = authenticate(req, form);
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const denied = asked.filter((scope) => !client.scopes.includes(scope));
      if (denied.length > 0) throw new OAuthFailure('invalid_scope', `not allowed: ${denied.join(' ')}`);
      issue(res, client, asked.length > 0 ? asked : client.scopes, method);
    } catch (error) {
      if (!(error instanceof OAuthFailure)) throw error;
      const challenge: Record<string, string> =
        error.status === 401 ? { 'www-authenticate': 'Basic realm="test-oauth"' } : {};
      sendJson(res, error.status, { error: error.error, error_description: error.message }, challenge);
    }
  };

  const http = await startFixtureHttp(async (req, res) => {
    const path = pathOf(req);
    const metadataPaths: Record<string, string[]> = {
      oauth: [`/.well-known/oauth-authorization-server${issuerPath}`],
      openid: [`/.well-known/openid-configuration${issuerPath}`],
      none: [],
    };
    if (req.method === 'GET' && metadataPaths[options.metadata ?? 'oauth']!.includes(path)) {
      return sendJson(res, 200, metadata());
    }
    if (req.method === 'POST' && path === `${issuerPath}/token`) return issueToken(req, res);
    if (options.codeGrant && req.method === 'GET' && path === `${issuerPath}/authorize`)
      return codeGrant.authorize(req, res);
    if (options.codeGrant?.registration && req.method === 'POST' && path === `${issuerPath}/register`)
      return codeGrant.register(req, res);
    sendJson(res, 404, { error: 'not_found' });
  }, undefined);
  issuer = `${http.origin}${issuerPath}`;
  tokenEndpoint = `${issuer}/token`;

  return {
    issuer,
    tokenEndpoint,
    grants,
    authorizations: codeGrant.authorizations,
    refreshes: codeGrant.refreshes,
    revokeConsent: codeGrant.revokeConsent,
    requests: http.requests,
    verifier: {
      async verifyAccessToken(token) {
        const issued = tokens.get(token);
        if (!issued) throw new InvalidTokenError('unknown or revoked token');
        return { token, clientId: issued.clientId, scopes: issued.scopes, expiresAt: issued.expiresAt };
      },
    },
    revokeAll: () => tokens.clear(),
    failTokenRequests(status, count = 1) {
      failures = { status, count };
    },
    close: () => http.close(),
  };
}
