import type { OAuthClientAuthMethod, OAuthClientRegistration } from '@mcpulse/core/domain';
import { requestGuarded } from '../post-guarded.js';
import type { Resolver } from '../wire/check-context.js';
import { type AuthorizationServer, authorizationServerFrom } from './authorization-server.js';
import {
  clientAuthentication,
  parseTokenResponse,
  type TokenClient,
  type TokenResponse,
} from './client-authentication.js';
import type { Pkce } from './pkce.js';
import type { AuthDiscovery } from './probe-auth.js';

/** The network rules of a sign-in's requests: the probe's address policy, one deadline each. */
export interface OAuthNetwork {
  allowPrivateAddresses: boolean;
  allowedCidrs?: readonly string[];
  resolver?: Resolver;
  timeoutMs: number;
  userAgent: string;
}

/** A sign-in step that failed; the message may quote a server, so it is scrubbed before it is shown. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/** Token and registration answers are small; this bounds a hostile one. */
const ANSWER_BYTES = 64 * 1024;

async function request(
  network: OAuthNetwork,
  what: string,
  target: { url: string; method: 'GET' } | { url: string; method: 'POST'; body: string },
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const answer = await requestGuarded({
    ...target,
    headers: { accept: 'application/json', ...headers },
    timeoutMs: network.timeoutMs,
    allowPrivateAddresses: network.allowPrivateAddresses,
    ...(network.allowedCidrs ? { allowedCidrs: network.allowedCidrs } : {}),
    ...(network.resolver ? { resolver: network.resolver } : {}),
    maxResponseBytes: ANSWER_BYTES,
    // Credentials go to the endpoint the metadata named, never on to wherever it redirects.
    maxRedirects: target.method === 'POST' ? 0 : 3,
    userAgent: network.userAgent,
  });
  if ('error' in answer) throw new SignInError(`${what} ${target.url}: ${answer.error.message}`);
  return { status: answer.status, body: answer.bodyExcerpt };
}

function jsonObject(body: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The authorization server metadata at a URL, or null when there is none (any non-200). */
export async function fetchAuthorizationServerMetadata(
  network: OAuthNetwork,
  url: string,
): Promise<Record<string, unknown> | null> {
  const answer = await request(network, 'authorization server metadata', { url, method: 'GET' }, {});
  if (answer.status !== 200) return null;
  const json = jsonObject(answer.body);
  if (json === null) throw new SignInError(`authorization server metadata ${url}: not a JSON object`);
  return json;
}

/** A client the sign-in authenticates as, and how it came to be. */
export interface SignInClient {
  client: TokenClient;
  registration: OAuthClientRegistration;
}

/** A client registered with the server beforehand; a method left unnamed is chosen from its metadata. */
export interface PreRegisteredClient {
  clientId: string;
  method: OAuthClientAuthMethod | null;
  clientSecret: string | null;
  privateKeyPem: string | null;
}

export interface RegistrationOptions {
  /** A pre-registered client: the spec's first choice. */
  preRegistered: PreRegisteredClient | null;
  /** The client's metadata document URL: its client_id where the server accepts those. */
  clientMetadataUrl: string | null;
  redirectUri: string;
  clientName: string;
  /** The grants a dynamically registered client asks for; `refresh_token` to keep a sign-in. */
  grantTypes?: readonly string[];
}

/** The method a pre-registered client with a secret uses when none was named: what the server takes. */
function secretMethod(server: AuthorizationServer): 'client_secret_basic' | 'client_secret_post' {
  const supported = server.tokenEndpointAuthMethods;
  return supported.includes('client_secret_basic') || !supported.includes('client_secret_post')
    ? 'client_secret_basic'
    : 'client_secret_post';
}

function preRegisteredClient(server: AuthorizationServer, given: PreRegisteredClient): TokenClient {
  const { clientId } = given;
  if (given.privateKeyPem !== null)
    return { clientId, method: 'private_key_jwt', privateKeyPem: given.privateKeyPem };
  if (given.clientSecret === null) return { clientId, method: 'none' };
  const method =
    given.method === 'client_secret_post' || given.method === 'client_secret_basic'
      ? given.method
      : secretMethod(server);
  return { clientId, method, clientSecret: given.clientSecret };
}

/** RFC 7591: registers a public client (or the kind the server insists on) for this redirect URI. */
async function registerDynamically(
  network: OAuthNetwork,
  server: AuthorizationServer,
  endpoint: string,
  options: RegistrationOptions,
): Promise<TokenClient> {
  const supported = server.tokenEndpointAuthMethods;
  const asked = supported.includes('none') ? 'none' : secretMethod(server);
  const answer = await request(
    network,
    'client registration',
    {
      url: endpoint,
      method: 'POST',
      body: JSON.stringify({
        client_name: options.clientName,
        redirect_uris: [options.redirectUri],
        grant_types: options.grantTypes ?? ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: asked,
      }),
    },
    { 'content-type': 'application/json' },
  );
  const json = jsonObject(answer.body);
  if (answer.status < 200 || answer.status > 299 || json === null) {
    const error = json && typeof json.error === 'string' ? `: ${json.error}` : '';
    throw new SignInError(`client registration at ${endpoint} answered HTTP ${answer.status}${error}`);
  }
  const clientId = json.client_id;
  if (typeof clientId !== 'string' || clientId === '')
    throw new SignInError(`client registration at ${endpoint} returned no client_id`);
  const method =
    typeof json.token_endpoint_auth_method === 'string' ? json.token_endpoint_auth_method : asked;
  const secret =
    typeof json.client_secret === 'string' && json.client_secret !== '' ? json.client_secret : null;
  if (method === 'none') return { clientId, method: 'none' };
  if ((method === 'client_secret_basic' || method === 'client_secret_post') && secret !== null)
    return { clientId, method, clientSecret: secret };
  throw new SignInError(
    `client registration at ${endpoint} asks for token endpoint authentication "${method}"${secret === null ? ' without a client_secret' : ''}, which mcpulse cannot do`,
  );
}

/**
 * The client of a sign-in, in the MCP spec's order of preference: a pre-registered client; a
 * Client ID Metadata Document, when the server supports them and one was given; dynamic client
 * registration, when the server offers it.
 */
export async function signInClient(
  network: OAuthNetwork,
  server: AuthorizationServer,
  options: RegistrationOptions,
): Promise<SignInClient> {
  if (options.preRegistered !== null)
    return { client: preRegisteredClient(server, options.preRegistered), registration: 'pre_registered' };
  if (options.clientMetadataUrl !== null && server.clientIdMetadataDocuments)
    return {
      client: { clientId: options.clientMetadataUrl, method: 'none' },
      registration: 'client_metadata_document',
    };
  if (server.registrationEndpoint !== null)
    return {
      client: await registerDynamically(network, server, server.registrationEndpoint, options),
      registration: 'dynamic_registration',
    };
  throw new SignInError(
    `the authorization server ${server.issuer} offers no dynamic client registration${
      server.clientIdMetadataDocuments ? '' : ' and takes no client metadata documents'
    }: pass a pre-registered --client-id`,
  );
}

/**
 * The authorization server a sign-in goes to, from discovery: its metadata must name the
 * endpoints, and advertise PKCE with S256 (the spec: otherwise a client must not go on).
 */
export function signInServer(discovery: AuthDiscovery): AuthorizationServer {
  const found = authorizationServerFrom(discovery.issuer, discovery.authorizationServerMetadata);
  if ('problem' in found) throw new SignInError(found.problem);
  if (!found.codeChallengeMethods?.includes('S256'))
    throw new SignInError(`the authorization server ${found.issuer} does not advertise PKCE with S256`);
  return found;
}

function scopes(text: string | null | undefined): string[] {
  return text ? text.split(' ').filter(Boolean) : [];
}

/** What a sign-in knows of why it is needed: discovery (null for a 2025-03-26 server) and the challenge's scope. */
export interface SignInNeed {
  discovery: AuthDiscovery | null;
  scope: string | null;
}

/**
 * The MCP spec's scope selection: the scope the challenge names, else every scope of the
 * protected resource metadata, else none; plus the scope the person asks for and what was asked
 * before (a step-up keeps the scopes it already had).
 */
export function scopeToRequest(
  asked: string | null,
  need: SignInNeed,
  previous: string | null,
): string | null {
  const fallback = previous === null && asked === null ? (need.discovery?.scopesSupported ?? []) : [];
  const all = new Set([
    ...scopes(asked),
    ...scopes(previous),
    ...(need.scope ? scopes(need.scope) : fallback),
  ]);
  return all.size === 0 ? null : [...all].join(' ');
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  pkce: Pkce;
  /** Omitted when null (the spec: no scope to ask for when none is known). */
  scope: string | null;
  /** RFC 8707: the MCP server the token is for. */
  resource: string;
}

/** The URL the browser opens (RFC 6749 §4.1.1 with PKCE S256 and the resource indicator). */
export function authorizationUrl(server: AuthorizationServer, request: AuthorizationRequest): string {
  const url = new URL(server.authorizationEndpoint);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', request.clientId);
  params.set('redirect_uri', request.redirectUri);
  params.set('state', request.state);
  params.set('code_challenge', request.pkce.challenge);
  params.set('code_challenge_method', 'S256');
  if (request.scope !== null) params.set('scope', request.scope);
  params.set('resource', request.resource);
  return url.href;
}

/** RFC 6749 §4.1.3: the code, its PKCE verifier and the same redirect URI and resource, for a token. */
export async function exchangeCode(
  network: OAuthNetwork,
  server: AuthorizationServer,
  client: TokenClient,
  exchange: { code: string; redirectUri: string; verifier: string; resource: string },
): Promise<TokenResponse> {
  const { form, headers } = clientAuthentication(client, server.issuer);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.verifier,
    resource: exchange.resource,
    ...form,
  });
  const answer = await request(
    network,
    'token endpoint',
    { url: server.tokenEndpoint, method: 'POST', body: body.toString() },
    { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  );
  const token = parseTokenResponse(answer.status, answer.body);
  if ('problem' in token) throw new SignInError(`token endpoint ${server.tokenEndpoint}: ${token.problem}`);
  return token;
}
