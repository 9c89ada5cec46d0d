import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The authorization-code grant of the test authorization server (`TestOAuthServerOptions.codeGrant`). */
export interface CodeGrantOptions {
  /** RFC 7591 dynamic client registration at `<issuer>/register`. */
  registration?: boolean;
  /** Client ID Metadata Documents: an https URL is taken as a public client's client_id. */
  clientIdMetadataDocuments?: boolean;
  /** The person at the browser says no: the authorization endpoint redirects with this error. */
  refuseWith?: string;
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
  /** Issues an access token and answers with it. */
  issue(res: ServerResponse, client: CodeGrantClient, scopes: string[], method: string): void;
  fail(res: ServerResponse, status: number, error: string, description: string): void;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  resource: string | null;
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
  const authorizations: AuthorizationRecord[] = [];
  const find = (clientId: string): CodeGrantClient | undefined => {
    const known = host.clients().find((client) => client.clientId === clientId);
    if (known) return known;
    if (options.clientIdMetadataDocuments && /^https:\/\/[^/]+\/./.test(clientId))
      return { clientId, scopes: host.scopesSupported() };
    return undefined;
  };

  return {
    authorizations,
    metadata(): Record<string, unknown> {
      return {
        ...(options.registration ? { registration_endpoint: `${host.issuer()}/register` } : {}),
        ...(options.clientIdMetadataDocuments ? { client_id_metadata_document_supported: true } : {}),
      };
    },

    authorize(req: IncomingMessage, res: ServerResponse): void {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const client = find(query.get('client_id') ?? '');
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
    exchange(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
      const authenticated = host.authenticate(req, form);
      const publicClient = authenticated === null ? find(form.get('client_id') ?? '') : undefined;
      if (publicClient && (publicClient.clientSecret || publicClient.publicKeyPem)) {
        host.fail(res, 401, 'invalid_client', 'client authentication required');
        return;
      }
      const client = authenticated?.client ?? publicClient;
      if (!client) {
        host.fail(res, 401, 'invalid_client', 'unknown client');
        return;
      }
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
      host.issue(res, client, code.scopes, authenticated?.method ?? 'none');
    },
  };
}
