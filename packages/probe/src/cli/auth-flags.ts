import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { OAUTH_CLIENT_AUTH_METHODS, type OAuthClientAuthMethod } from '@mcpulse/core/domain';
import type { PreRegisteredClient } from '../auth/authorization-code.js';
import { signingKey } from '../auth/client-credentials.js';
import { TokenError } from '../auth/probe-auth.js';
import { parseDuration } from './parse-duration.js';
import { UsageError } from './usage-error.js';

/** OAuth client credentials (the client-credentials grant): every command that probes takes them. */
export const CREDENTIAL_FLAGS = {
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'client-secret-file': { type: 'string' },
  'token-auth-method': { type: 'string' },
  'private-key-file': { type: 'string' },
  scope: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The interactive authorization-code flow: `mcpulse probe` only, a person is at the keyboard. */
export const LOGIN_FLAGS = {
  oauth: { type: 'boolean' },
  'client-metadata-url': { type: 'string' },
  open: { type: 'boolean' },
  'oauth-timeout': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface AuthFlagValues {
  header?: string[];
  'client-id'?: string;
  'client-secret'?: string;
  'client-secret-file'?: string;
  'token-auth-method'?: string;
  'private-key-file'?: string;
  scope?: string;
  oauth?: boolean;
  'client-metadata-url'?: string;
  open?: boolean;
  'oauth-timeout'?: string;
}

/** How the client authenticates at the token endpoint, with what it authenticates with. */
export type ClientAuthentication =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientSecret: string }
  | { method: 'private_key_jwt'; privateKeyPem: string };

/** `--client-id` with a secret or a key, and no `--oauth`: the client-credentials grant. */
export interface ClientCredentialsFlags {
  kind: 'client_credentials';
  clientId: string;
  authentication: ClientAuthentication;
  scope: string | null;
}

/** `--oauth`: authorization code with PKCE, a loopback redirect and the browser of the person running it. */
export interface AuthorizationCodeFlags {
  kind: 'authorization_code';
  /** A pre-registered client; without it, a Client ID Metadata Document or dynamic registration. */
  client: PreRegisteredClient | null;
  clientMetadataUrl: string | null;
  scope: string | null;
  open: boolean;
  /** How long to wait for the browser's redirect. */
  timeoutMs: number;
}

export type AuthFlags = ClientCredentialsFlags | AuthorizationCodeFlags;

const DEFAULT_LOGIN_TIMEOUT = '5m';
/** RFC 6749 §3.3: scope tokens are printable ASCII without space, `"` and `\`, separated by spaces. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

function parseMethod(value: string | undefined): OAuthClientAuthMethod | null {
  if (value === undefined) return null;
  const known = OAUTH_CLIENT_AUTH_METHODS.find((method) => method === value);
  if (known) return known;
  throw new UsageError(
    `--token-auth-method must be one of ${OAUTH_CLIENT_AUTH_METHODS.join(', ')}, got "${value}"`,
  );
}

/** Reads a file the flags name; the message names the file and never its content. */
function readSecretFile(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${option}: cannot read "${file}"`);
  }
}

function clientSecret(values: AuthFlagValues): string | null {
  if (values['client-secret'] !== undefined && values['client-secret-file'] !== undefined)
    throw new UsageError('--client-secret and --client-secret-file exclude each other');
  const secret =
    values['client-secret-file'] === undefined
      ? values['client-secret']
      : readSecretFile('--client-secret-file', values['client-secret-file']).replace(/\r?\n$/, '');
  if (secret === undefined) return null;
  if (secret === '') throw new UsageError('the client secret is empty');
  return secret;
}

/** A PEM private key the client-credentials provider can sign a client assertion with. */
function privateKey(file: string): string {
  const pem = readSecretFile('--private-key-file', file);
  try {
    signingKey(pem);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    throw new UsageError(`--private-key-file: "${file}": ${error.message}`);
  }
  return pem;
}

/** The method named and the secret or key to go with it. */
type ClientMaterial = Omit<PreRegisteredClient, 'clientId'>;

/** The client material of the flags, checked against each other. */
function clientMaterial(values: AuthFlagValues): ClientMaterial {
  const method = parseMethod(values['token-auth-method']);
  const secret = clientSecret(values);
  const keyFile = values['private-key-file'];
  if (secret !== null && keyFile !== undefined)
    throw new UsageError('a client secret and --private-key-file exclude each other');
  if (keyFile !== undefined) {
    if (method !== null && method !== 'private_key_jwt')
      throw new UsageError(`--private-key-file goes with --token-auth-method private_key_jwt, not ${method}`);
    return { method: 'private_key_jwt', clientSecret: null, privateKeyPem: privateKey(keyFile) };
  }
  if (method === 'private_key_jwt')
    throw new UsageError('--token-auth-method private_key_jwt needs --private-key-file');
  if (method !== null && secret === null)
    throw new UsageError(`--token-auth-method ${method} needs --client-secret`);
  return { method, clientSecret: secret, privateKeyPem: null };
}

function parseScope(value: string | undefined): string | null {
  if (value === undefined) return null;
  const scope = value.trim().split(/\s+/).join(' ');
  if (!SCOPE.test(scope))
    throw new UsageError(
      '--scope expects space-separated scope tokens (printable ASCII, no quotes or backslashes)',
    );
  return scope;
}

/** CIMD: the client_id is an https URL with a path, whose document the authorization server fetches. */
function parseClientMetadataUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--client-metadata-url: "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' || url.pathname === '/' || url.hash !== '' || url.username || url.password)
    throw new UsageError(
      '--client-metadata-url must be an https URL with a path, without a fragment or credentials',
    );
  return url.href;
}

const CREDENTIAL_OPTIONS = Object.keys(CREDENTIAL_FLAGS).map((name) => `--${name}`);
const LOGIN_ONLY = ['client-metadata-url', 'open', 'oauth-timeout'] as const;

/**
 * The OAuth flags of a command, checked together; null when there are none. Messages name
 * options and files, never a secret or a key.
 */
export function parseAuthFlags(values: AuthFlagValues): AuthFlags | null {
  const given = (name: keyof AuthFlagValues) => values[name] !== undefined && values[name] !== false;
  const anyCredential = Object.keys(CREDENTIAL_FLAGS).some((name) => given(name as keyof AuthFlagValues));
  if (!values.oauth) {
    const stray = LOGIN_ONLY.find(given);
    if (stray) throw new UsageError(`--${stray} goes with --oauth`);
    if (!anyCredential) return null;
  }
  const ownAuthorization = (values.header ?? []).some((header) => /^\s*authorization\s*:/i.test(header));
  if (ownAuthorization)
    throw new UsageError(
      'an Authorization header and OAuth options exclude each other: pass one or the other',
    );
  const clientId = values['client-id'];
  if (clientId === '') throw new UsageError('--client-id is empty');
  const material = clientMaterial(values);
  if (clientId === undefined && (material.method !== null || material.clientSecret !== null))
    throw new UsageError('a client secret, key or --token-auth-method needs --client-id');
  const scope = parseScope(values.scope);
  if (values.oauth) {
    return {
      kind: 'authorization_code',
      client: clientId === undefined ? null : { clientId, ...material },
      clientMetadataUrl: parseClientMetadataUrl(values['client-metadata-url']),
      scope,
      open: values.open === true,
      timeoutMs: parseDuration('--oauth-timeout', values['oauth-timeout'] ?? DEFAULT_LOGIN_TIMEOUT, 's'),
    };
  }
  if (clientId === undefined) {
    const option = CREDENTIAL_OPTIONS.find((name) => given(name.slice(2) as keyof AuthFlagValues));
    throw new UsageError(`${option} needs --client-id (or --oauth)`);
  }
  const authentication: ClientAuthentication | null =
    material.privateKeyPem !== null
      ? { method: 'private_key_jwt', privateKeyPem: material.privateKeyPem }
      : material.clientSecret !== null
        ? {
            method: material.method === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic',
            clientSecret: material.clientSecret,
          }
        : null;
  if (authentication === null)
    throw new UsageError(
      'OAuth client credentials need --client-secret (or --client-secret-file) or --private-key-file; for a browser sign-in use --oauth',
    );
  return { kind: 'client_credentials', clientId, authentication, scope };
}
