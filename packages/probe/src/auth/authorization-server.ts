import type { JsonObject } from '../wire/json-rpc.js';

/** What an authorization-code sign-in needs of an authorization server (RFC 8414 metadata). */
export interface AuthorizationServer {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  registrationEndpoint: string | null;
  /** `code_challenge_methods_supported`; null when the metadata does not say. */
  codeChallengeMethods: string[] | null;
  /** `token_endpoint_auth_methods_supported`; RFC 8414 §2: `client_secret_basic` when absent. */
  tokenEndpointAuthMethods: string[];
  /** Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document). */
  clientIdMetadataDocuments: boolean;
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
}

/** Reads authorization server metadata; a missing or non-http endpoint is a problem named. */
export function authorizationServerFrom(
  issuer: string,
  metadata: JsonObject,
): AuthorizationServer | { problem: string } {
  const authorizationEndpoint = httpUrl(metadata.authorization_endpoint);
  if (authorizationEndpoint === null)
    return { problem: `the metadata of ${issuer} names no http(s) authorization_endpoint` };
  const tokenEndpoint = httpUrl(metadata.token_endpoint);
  if (tokenEndpoint === null) return { problem: `the metadata of ${issuer} names no http(s) token_endpoint` };
  return {
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    registrationEndpoint: httpUrl(metadata.registration_endpoint),
    codeChallengeMethods: strings(metadata.code_challenge_methods_supported),
    tokenEndpointAuthMethods: strings(metadata.token_endpoint_auth_methods_supported) ?? [
      'client_secret_basic',
    ],
    clientIdMetadataDocuments: metadata.client_id_metadata_document_supported === true,
  };
}

/**
 * The 2025-03-26 revision's defaults for a server without authorization server metadata: the
 * MCP server's origin is the authorization server, at `/authorize`, `/token` and `/register`.
 */
export function defaultAuthorizationServer(server: URL): AuthorizationServer {
  const at = (path: string) => new URL(path, server.origin).href;
  return {
    issuer: server.origin,
    authorizationEndpoint: at('/authorize'),
    tokenEndpoint: at('/token'),
    registrationEndpoint: at('/register'),
    codeChallengeMethods: null,
    tokenEndpointAuthMethods: ['client_secret_basic'],
    clientIdMetadataDocuments: false,
  };
}
