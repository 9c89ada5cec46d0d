import type { AuthMode, AuthStep } from '@mcpulse/core/domain';
import { AUTH_MODE_LABELS } from '@mcpulse/core/domain';

/** The auth block of a result, as the dashboard reads it (a probe run now, or a stored result). */
export interface AuthBlock {
  required: boolean;
  mode: AuthMode;
  resourceMetadataUrl: string | null;
  authorizationServers: string[];
  issuer: string | null;
  scopesSupported: string[];
  failedStep: AuthStep | null;
  reason: string | null;
}

const STEP_WORDS: Record<AuthStep, string> = {
  protected_resource_metadata: 'finding the protected resource metadata',
  resource: "checking the metadata's resource against the server URL",
  authorization_server_metadata: "reading the authorization server's metadata",
  token: 'getting a token from the token endpoint',
};

const MODE_WORDS: Record<AuthMode, string> = {
  discovery:
    'The server asks for OAuth and the monitor holds no credentials: each check verifies that a client can discover where to authorize.',
  credentials:
    "Each check gets a token with the monitor's OAuth client credentials, and lists tools with it.",
  headers: "Each check sends the monitor's own Authorization header.",
  sign_in:
    'Each check gets a token with the refresh token of an OAuth sign-in (Connect with OAuth), and lists tools with it.',
};

export interface AuthWords {
  label: string;
  explanation: string;
  /** Where discovery (or the token request) failed, in plain words; null when it did not. */
  failure: string | null;
}

/** An auth block in plain words: its mode, what it means, and what failed. */
export function describeAuth(auth: AuthBlock): AuthWords {
  return {
    label: AUTH_MODE_LABELS[auth.mode],
    explanation: auth.required
      ? MODE_WORDS[auth.mode]
      : 'The monitor holds OAuth credentials, but the server asked for no authorization.',
    failure: auth.failedStep ? `Failed while ${STEP_WORDS[auth.failedStep]}.` : null,
  };
}
