/**
 * "Connect with OAuth" (docs/probe.md, "Connect with OAuth"): a person signs in once, in the
 * dashboard, and the monitor keeps the refresh token. An authorization under way is `pending`
 * until the authorization server redirects back, then `connected` or `failed`.
 */
export const OAUTH_CONNECTION_STATUSES = ['pending', 'connected', 'failed'] as const;
export type OAuthConnectionStatus = (typeof OAUTH_CONNECTION_STATUSES)[number];

export const OAUTH_CONNECTION_LIMITS = {
  /** How long the browser has to come back from the authorization server. */
  pendingMs: 10 * 60_000,
  /** How long a connection made for a form not saved yet waits for the monitor to be saved. */
  unclaimedMs: 60 * 60_000,
  /** Why a connection failed, as kept and answered. */
  failureChars: 1024,
  /** A refresh token longer than this is refused (sealed, it is stored on the monitor). */
  refreshTokenChars: 8192,
} as const;
