import type { OAuthConnection } from '@mcpulse/core';
import type { AuthDiscovery } from './probe-auth.js';

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds after which the token is not sent any more. */
  expiresAt: number;
  /** The scope asked for, so a step-up keeps asking for it. */
  scope: string;
  discovery: AuthDiscovery;
  /**
   * For a sign-in's token: the connection as this process last refreshed it, so a refresh token
   * the authorization server rotated is used from the next check on, before the monitor's saved
   * one catches up.
   */
  connection?: OAuthConnection;
}

/** A token without `expires_in` is kept this long (or until the server refuses it). */
const DEFAULT_LIFETIME_MS = 3_600_000;
/** A token is renewed this long before it expires, at most a tenth of its lifetime. */
const RENEW_BEFORE_MS = 30_000;

/** When a token issued at `issuedAt`, valid `expiresIn` seconds (null: unsaid), stops being sent. */
export function tokenExpiry(expiresIn: number | null, issuedAt: number): number {
  const lifetime = expiresIn !== null && expiresIn > 0 ? expiresIn * 1000 : DEFAULT_LIFETIME_MS;
  return issuedAt + lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 10);
}

/**
 * Access tokens in process memory, by a key the caller chooses (a monitor and the version of its
 * credentials), so a check with a cached token costs no token request. Bounded: past `maxEntries`
 * the entry written longest ago goes.
 */
export class TokenCache {
  private readonly entries = new Map<string, CachedToken>();

  constructor(private readonly maxEntries = 10_000) {}

  get(key: string): CachedToken | undefined {
    return this.entries.get(key);
  }

  set(key: string, token: CachedToken): void {
    this.entries.delete(key);
    this.entries.set(key, token);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
