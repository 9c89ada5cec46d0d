import { ApiError } from '../api/client.js';

/**
 * Splits an API error into the field it concerns and the rest: an error that
 * names a field the form shows is displayed next to that field.
 */
export function fieldErrorOf(
  error: unknown,
  fields: readonly string[],
): { field: string; message: string } | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const field = fields.find((name) => error.field === name || error.field?.startsWith(`${name}.`));
  if (!field) return null;
  return { field: error.field, message: humanize(error.message, error.field) };
}

/** "url: must be an absolute URL" → "Must be an absolute URL": the field is already named by its label. */
export function humanize(message: string, field: string): string {
  const stripped = message.replace(
    new RegExp(`^(?:[a-z]+ )?${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
    '',
  );
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

/** The errors less those of `field` and of its parts (`canary.arguments`, `groups.0.name`…): they go with its value. */
export function errorsWithout(errors: Record<string, string>, field: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([name]) => name !== field && !name.startsWith(`${field}.`)),
  );
}
