import type { AuthStep } from '@mcpulse/core/domain';
import type { CheckContext } from '../wire/check-context.js';
import type { JsonObject } from '../wire/json-rpc.js';
import { fetchMetadata, httpUrl } from './auth-http.js';
import type { BearerChallenge } from './challenge.js';
import type { AuthDiscovery } from './probe-auth.js';

/** What discovery learnt before it failed, and where it failed (docs/probe.md, "Authorization"). */
export interface DiscoveryFailure {
  failedStep: AuthStep;
  reason: string;
  partial: Partial<Omit<AuthDiscovery, 'resourceMetadata' | 'authorizationServerMetadata'>>;
}

export type DiscoveryOutcome = { discovery: AuthDiscovery } | { failure: DiscoveryFailure };

function withoutTrailingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * RFC 9728 §3.1: the well-known string is inserted between the host and the path of the
 * resource; the MCP spec has the client try that path-based URL first, then the root one.
 */
export function protectedResourceMetadataUrls(server: URL): string[] {
  const path = withoutTrailingSlash(server.pathname);
  const root = new URL('/.well-known/oauth-protected-resource', server.origin).href;
  if (path === '') return [root];
  return [new URL(`/.well-known/oauth-protected-resource${path}`, server.origin).href, root];
}

/**
 * The MCP spec's order for authorization server metadata: for an issuer with a path, RFC 8414
 * with path insertion, OpenID discovery with path insertion, then OpenID discovery with the
 * path appended; for one without, RFC 8414 then OpenID discovery.
 */
export function authorizationServerMetadataUrls(issuer: URL): string[] {
  const path = withoutTrailingSlash(issuer.pathname);
  const at = (pathname: string) => new URL(pathname, issuer.origin).href;
  if (path === '') {
    return [at('/.well-known/oauth-authorization-server'), at('/.well-known/openid-configuration')];
  }
  return [
    at(`/.well-known/oauth-authorization-server${path}`),
    at(`/.well-known/openid-configuration${path}`),
    at(`${path}/.well-known/openid-configuration`),
  ];
}

/**
 * Whether protected resource metadata's `resource` names the server that was checked: the same
 * origin, and its path the server's or a parent of it on a `/` boundary (fragment, query and
 * one trailing slash aside), as the official SDK's client accepts it.
 */
export function resourceMatches(resource: string, server: URL): boolean {
  let named: URL;
  try {
    named = new URL(resource);
  } catch {
    return false;
  }
  if (named.origin !== server.origin) return false;
  const parent = withoutTrailingSlash(named.pathname);
  const path = withoutTrailingSlash(server.pathname);
  return path === parent || path.startsWith(`${parent}/`);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Tries each location in turn; the first JSON object wins, otherwise every problem is told. */
async function firstDocument(
  ctx: CheckContext,
  locations: readonly string[],
): Promise<{ url: string; json: JsonObject } | { url: string; problem: string }> {
  const problems: string[] = [];
  for (const url of locations) {
    const fetched = await fetchMetadata(ctx, url);
    if ('json' in fetched) return { url, json: fetched.json };
    problems.push(`${url}: ${fetched.problem}`);
  }
  return { url: locations[locations.length - 1] ?? '', problem: problems.join('; ') };
}

/**
 * The MCP authorization spec's discovery after a 401 (2025-11-25 and 2026-07-28): protected
 * resource metadata from the challenge's `resource_metadata`, else from the path-based and
 * root well-known URLs; its `resource` checked against the server URL; then the metadata of its
 * first authorization server, whose `issuer` must be the one named and which must name a token
 * endpoint. Every request is the check's (its address rules, deadline and byte budget).
 */
export async function discoverAuthorization(
  ctx: CheckContext,
  server: URL,
  challenge: BearerChallenge | null,
): Promise<DiscoveryOutcome> {
  const fail = (failedStep: AuthStep, reason: string, partial: DiscoveryFailure['partial']) => ({
    failure: { failedStep, reason, partial },
  });
  const locations = challenge?.resourceMetadata
    ? [challenge.resourceMetadata]
    : protectedResourceMetadataUrls(server);
  const prm = await firstDocument(ctx, locations);
  if ('problem' in prm) {
    return fail('protected_resource_metadata', `no protected resource metadata: ${prm.problem}`, {
      resourceMetadataUrl: prm.url,
    });
  }
  const resourceMetadataUrl = prm.url;
  const resource = typeof prm.json.resource === 'string' ? prm.json.resource : null;
  const authorizationServers = strings(prm.json.authorization_servers);
  const scopesSupported = strings(prm.json.scopes_supported);
  const seen = { resourceMetadataUrl, authorizationServers, scopesSupported };
  if (resource === null) {
    return fail('protected_resource_metadata', 'the protected resource metadata has no resource', seen);
  }
  if (!resourceMatches(resource, server)) {
    return fail(
      'resource',
      `the metadata's resource ${resource} does not match the server URL ${server.href}`,
      {
        ...seen,
        resource,
      },
    );
  }
  const issuerText = authorizationServers[0];
  if (issuerText === undefined) {
    return fail(
      'protected_resource_metadata',
      'the protected resource metadata names no authorization server',
      {
        ...seen,
        resource,
      },
    );
  }
  const issuerUrl = httpUrl(issuerText);
  if (issuerUrl === null) {
    return fail(
      'authorization_server_metadata',
      `the authorization server ${issuerText} is not an http(s) URL`,
      {
        ...seen,
        resource,
      },
    );
  }
  const asm = await firstDocument(ctx, authorizationServerMetadataUrls(issuerUrl));
  if ('problem' in asm) {
    return fail('authorization_server_metadata', `no authorization server metadata: ${asm.problem}`, {
      ...seen,
      resource,
    });
  }
  const issuer = typeof asm.json.issuer === 'string' ? asm.json.issuer : null;
  // RFC 8414 §3.3: the issuer must be the one the metadata was looked up for.
  if (issuer === null || withoutTrailingSlash(issuer) !== withoutTrailingSlash(issuerText)) {
    return fail(
      'authorization_server_metadata',
      `the metadata at ${asm.url} is for issuer ${issuer ?? '(none)'}, not ${issuerText}`,
      { ...seen, resource, ...(issuer === null ? {} : { issuer }) },
    );
  }
  const tokenEndpoint = typeof asm.json.token_endpoint === 'string' ? asm.json.token_endpoint : null;
  if (tokenEndpoint === null || httpUrl(tokenEndpoint) === null) {
    return fail(
      'authorization_server_metadata',
      `the metadata at ${asm.url} names no http(s) token_endpoint`,
      {
        ...seen,
        resource,
        issuer,
      },
    );
  }
  return {
    discovery: {
      ...seen,
      resource,
      issuer,
      tokenEndpoint,
      resourceMetadata: prm.json,
      authorizationServerMetadata: asm.json,
    },
  };
}
