/** A mistake in how the CLI was called: exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT = { ok: 0, down: 1, usage: 2, hashMismatch: 3, breaking: 3, compatible: 1 } as const;
