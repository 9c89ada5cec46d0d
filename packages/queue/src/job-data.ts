import type { z } from 'zod';
import { InvalidJobData } from './errors.js';

/** Parses `data` with the queue's schema, reporting the first bad field. */
export function parseJobData<T>(queue: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  throw new InvalidJobData(queue, field, issue?.message ?? 'invalid');
}
