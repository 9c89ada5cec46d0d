import { UsageError } from './usage-error.js';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `10s`, `2m`; a bare number is taken in `defaultUnit`. */
export function parseDuration(option: string, text: string, defaultUnit: 'ms' | 's'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${option} expects a duration such as 500ms, 10s or 2m, got "${text}"`);
  const value = Number(match[1]) * (UNITS[match[2] ?? defaultUnit] ?? 1);
  if (value <= 0) throw new UsageError(`${option} must be greater than zero`);
  return value;
}
