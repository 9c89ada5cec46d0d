import type { AuthDiscovery } from './probe-auth.js';

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds after which the token is not sent any more. */
  expiresAt: number;
  /** The scope asked for, so a step-up keeps asking for it. */
  scope: string;
  discovery: AuthDiscovery;
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
