import type { z } from 'zod';

/** Options are code, not input: a bad one is a programming error, reported as a RangeError naming it. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(root)';
  throw new RangeError(`invalid ${what}: ${field}: ${issue?.message ?? 'invalid'}`);
}
