/** A mistake in how the CLI was called: exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit statuses; `unreachable` is diff's own, so "compatible changes only" (1) can never mean "down". */
export const EXIT = {
  ok: 0,
  down: 1,
  usage: 2,
  hashMismatch: 3,
  breaking: 3,
  compatible: 1,
  unreachable: 4,
} as const;
