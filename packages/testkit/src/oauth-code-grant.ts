import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The authorization-code grant of the test authorization server (`TestOAuthServerOptions.codeGrant`). */
export interface CodeGrantOptions {
  /** RFC 7591 dynamic client registration at `<issuer>/register`. */
  registration?: boolean;
  /** Client ID Metadata Documents: an https URL is taken as a public client's client_id. */
  clientIdMetadataDocuments?: boolean;
  /**
   * Reads a Client ID Metadata Document, as a real server fetches it (a test maps the URL to the
   * client's server): its `redirect_uris` then bound the client's redirects. Without it, any
   * metadata document URL is a client that may redirect to loopback only.
   */
  clientMetadata?: (clientId: string) => Promise<Record<string, unknown> | null>;
  /** The person at the browser says no: the authorization endpoint redirects with this error. */
  refuseWith?: string;
  /**
   * Refresh tokens with the code grant's access tokens, and the refresh_token grant (RFC 6749 §6):
   * `rotate` issues a new refresh token at each refresh and spends the old one, `keep` does not.
   */
  refreshTokens?: 'rotate' | 'keep';
}

/** One authorization request the endpoint answered, as the client sent it. */
export interface AuthorizationRecord {
  clientId: string;
  redirectUri: string;
  scope: string | null;
  resource: string | null;
  codeChallengeMethod: string | null;
}

/** A client the code grant knows: pre-registered, registered dynamically, or a metadata document URL. */
export interface CodeGrantClient {
  clientId: string;
  clientSecret?: string;
  publicKeyPem?: string;
  scopes: string[];
  /** Registered redirect URIs; a loopback one matches on any port (RFC 8252 §7.3). */
  redirectUris?: string[];
}

/** What the code grant needs of the server it is part of. */
export interface CodeGrantHost {
  issuer(): string;
  clients(): CodeGrantClient[];
  register(client: CodeGrantClient): void;
  scopesSupported(): string[];
  /** Client authentication by secret or assertion: the client and method, or an OAuth error thrown. */
  authenticate(
    req: IncomingMessage,
    form: URLSearchParams,
  ): { client: CodeGrantClient; method: string } | null;
  /** Issues an access token and answers with it, and with the `fields` given (a refresh token). */
  issue(
    res: ServerResponse,
    client: CodeGrantClient,
    scopes: string[],
    method: string,
    fields?: Record<string, string>,
  ): void;
  fail(res: ServerResponse, status: number, error: string, description: string): void;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  resource: string | null;
}

/** A refresh token the server issued and has not spent or had revoked. */
interface IssuedRefresh {
  clientId: string;
  scopes: string[];
  resource: string | null;
}

/** One request of the refresh_token grant, as the client sent it. */
export interface RefreshRecord {
  clientId: string;
  resource: string | null;
  /** Whether the token was one the server knew (not spent, not revoked). */
  accepted: boolean;
}

function isLoopback(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost')
  );
}

function redirectAllowed(client: CodeGrantClient, redirectUri: string): boolean {
  let asked: URL;
  try {
    asked = new URL(redirectUri);
  } catch {
    return false;
  }
  if (client.redirectUris === undefined) return isLoopback(asked);
  return client.redirectUris.some((registered) => {
    const known = new URL(registered);
    if (isLoopback(known) && isLoopback(asked)) {
      known.port = asked.port;
      return known.href === asked.href;
    }
    return registered === redirectUri;
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const json: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Authorization code with PKCE (RFC 6749 §4.1, RFC 7636) as a browser that always says yes
 * meets it: the authorization endpoint checks the request and redirects at once with a code;
 * the token endpoint checks the code's client, redirect URI and PKCE verifier, once. With
 * `registration`, clients register themselves (RFC 7591).
 */
export function createCodeGrant(options: CodeGrantOptions, host: CodeGrantHost) {
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, IssuedRefresh>();
  const authorizations: AuthorizationRecord[] = [];
  const refreshes: RefreshRecord[] = [];
  const find = async (clientId: string): Promise<CodeGrantClient | undefined> => {
    const known = host.clients().find((client) => client.clientId === clientId);
    if (known) return known;
    if (!options.clientIdMetadataDocuments || !/^https:\/\/[^/]+\/./.test(clientId)) return undefined;
    if (!options.clientMetadata) return { clientId, scopes: host.scopesSupported() };
    const document = await options.clientMetadata(clientId);
    // draft-ietf-oauth-client-id-metadata-document §4: the document names itself as client_id.
    if (document?.client_id !== clientId || !Array.isArray(document.redirect_uris)) return undefined;
    return {
      clientId,
      scopes: host.scopesSupported(),
      redirectUris: document.redirect_uris.filter((uri): uri is string => typeof uri === 'string'),
    };
  };
  /** A client's credentials, or the public client it names; null when neither holds. */
  const tokenClient = async (
    req: IncomingMessage,
    form: URLSearchParams,
    res: ServerResponse,
  ): Promise<{ client: CodeGrantClient; method: string } | null> => {
    const authenticated = host.authenticate(req, form);
    if (authenticated) return authenticated;
    const publicClient = await find(form.get('client_id') ?? '');
    if (publicClient && (publicClient.clientSecret || publicClient.publicKeyPem)) {
      host.fail(res, 401, 'invalid_client', 'client authentication required');
      return null;
    }
    if (!publicClient) {
      host.fail(res, 401, 'invalid_client', 'unknown client');
      return null;
    }
    return { client: publicClient, method: 'none' };
  };
  const issueWithRefresh = (
    res: ServerResponse,
    client: CodeGrantClient,
    grant: IssuedRefresh,
    method: string,
  ) => {
    const fields: Record<string, string> = {};
    if (options.refreshTokens) {
      const refreshToken = `rt-${randomBytes(24).toString('base64url')}`;
      refreshTokens.set(refreshToken, grant);
      fields.refresh_token = refreshToken;
    }
    host.issue(res, client, grant.scopes, method, fields);
  };

  return {
    authorizations,
    refreshes,
    /** The person revokes every consent: every refresh token is refused from now on. */
    revokeConsent: () => refreshTokens.clear(),
    metadata(): Record<string, unknown> {
      return {
        ...(options.registration ? { registration_endpoint: `${host.issuer()}/register` } : {}),
        ...(options.clientIdMetadataDocuments ? { client_id_metadata_document_supported: true } : {}),
      };
    },

    async authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const client = await find(query.get('client_id') ?? '');
      const redirectUri = query.get('redirect_uri') ?? '';
      // An unknown client or redirect URI is never redirected to (RFC 6749 §4.1.2.1).
      if (!client || !redirectAllowed(client, redirectUri)) {
        host.fail(res, 400, 'invalid_request', 'unknown client_id or redirect_uri');
        return;
      }
      const record: AuthorizationRecord = {
        clientId: client.clientId,
        redirectUri,
        scope: query.get('scope'),
        resource: query.get('resource'),
        codeChallengeMethod: query.get('code_challenge_method'),
      };
      authorizations.push(record);
      const target = new URL(redirectUri);
      const state = query.get('state');
      if (state !== null) target.searchParams.set('state', state);
      const challenge = query.get('code_challenge');
      const scopes = (record.scope ?? '').split(' ').filter(Boolean);
      const refusal =
        options.refuseWith ??
        (query.get('response_type') !== 'code'
          ? 'unsupported_response_type'
          : !challenge || record.codeChallengeMethod !== 'S256'
            ? 'invalid_request'
            : scopes.some((scope) => !client.scopes.includes(scope))
              ? 'invalid_scope'
              : null);
      if (refusal !== null || !challenge) {
        target.searchParams.set('error', refusal ?? 'invalid_request');
      } else {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, {
          clientId: client.clientId,
          redirectUri,
          challenge,
          scopes: scopes.length > 0 ? scopes : client.scopes,
          resource: record.resource,
        });
        target.searchParams.set('code', code);
      }
      res.writeHead(302, { location: target.href, 'cache-control': 'no-store' });
      res.end();
    },

    async register(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const body = await readJson(req);
      const redirectUris = Array.isArray(body?.redirect_uris)
        ? body.redirect_uris.filter((uri): uri is string => typeof uri === 'string')
        : [];
      if (!body || redirectUris.length === 0) {
        host.fail(res, 400, 'invalid_redirect_uri', 'redirect_uris is required');
        return;
      }
      const method =
        typeof body.token_endpoint_auth_method === 'string'
          ? body.token_endpoint_auth_method
          : 'client_secret_basic';
      if (!['none', 'client_secret_basic', 'client_secret_post'].includes(method)) {
        host.fail(res, 400, 'invalid_client_metadata', `token_endpoint_auth_method ${method}`);
        return;
      }
      const client: CodeGrantClient = {
        clientId: `registered-${randomBytes(8).toString('hex')}`,
        ...(method === 'none' ? {} : { clientSecret: randomBytes(24).toString('base64url') }),
        scopes: host.scopesSupported(),
        redirectUris,
      };
      host.register(client);
      res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          client_id: client.clientId,
          ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
          redirect_uris: redirectUris,
          token_endpoint_auth_method: method,
          grant_types: ['authorization_code'],
        }),
      );
    },

    /** The token request of `grant_type=authorization_code`. */
    async exchange(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): Promise<void> {
      const authenticated = await tokenClient(req, form, res);
      if (authenticated === null) return;
      const { client } = authenticated;
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        !code ||
        code.clientId !== client.clientId ||
        code.redirectUri !== form.get('redirect_uri') ||
        code.challenge !== challenge ||
        (code.resource !== null && form.get('resource') !== code.resource)
      ) {
        host.fail(
          res,
          400,
          'invalid_grant',
          'the code, its client, redirect_uri, code_verifier or resource do not match',
        );
        return;
      }
      issueWithRefresh(
        res,
        client,
        { clientId: client.clientId, scopes: code.scopes, resource: code.resource },
        authenticated.method,
      );
    },

    /** The token request of `grant_type=refresh_token`: the token's own client only, rotated or kept. */
    async refresh(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): Promise<void> {
      const authenticated = await tokenClient(req, form, res);
      if (authenticated === null) return;
      const { client } = authenticated;
      const token = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(token);
      const accepted = grant !== undefined && grant.clientId === client.clientId;
      refreshes.push({ clientId: client.clientId, resource: form.get('resource'), accepted });
      if (!grant || !accepted) {
        host.fail(res, 400, 'invalid_grant', 'the refresh token is unknown, spent or revoked');
        return;
      }
      if (options.refreshTokens === 'rotate') {
        refreshTokens.delete(token);
        issueWithRefresh(res, client, grant, authenticated.method);
        return;
      }
      host.issue(res, client, grant.scopes, authenticated.method);
    },
  };
}
