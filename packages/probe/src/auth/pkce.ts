import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  /** RFC 7636 §4.1: 43 characters of base64url from 32 random bytes. */
  verifier: string;
  /** `S256`: BASE64URL(SHA256(verifier)). */
  challenge: string;
}

/** A fresh PKCE pair for one authorization request (the MCP spec requires S256). */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
