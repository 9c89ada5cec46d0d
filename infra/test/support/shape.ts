/**
 * Narrowing for parsed YAML: a wrong shape fails with the path to the value,
 * so a broken deployment file reads as "services.api.command: expected a list".
 */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(`${where}: expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

export function text(value: unknown, where: string): string {
  if (typeof value !== 'string')
    throw new ShapeError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ShapeError(`${where}: expected an integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An exec-form command: a non-empty list of strings, never one shell string. */
export function execForm(value: unknown, where: string): string[] {
  const items = list(value, where).map((item, index) => text(item, `${where}[${index}]`));
  if (items.length === 0) throw new ShapeError(`${where}: expected a non-empty command`);
  return items;
}

export function optional<T>(value: unknown, read: (value: unknown, where: string) => T, where: string) {
  return value === undefined ? undefined : read(value, where);
}
