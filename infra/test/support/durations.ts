const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Milliseconds in a compose or nginx duration ("30s", "1m30s", "1h", "500ms").
 * A bare number is seconds, as nginx reads it.
 */
export function parseDuration(value: string): number {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) {
    throw new Error(`not a duration: ${JSON.stringify(value)}`);
  }
  return parts.reduce(
    (total, [, amount, unit]) => total + Number(amount) * DURATION_UNITS_MS[unit ?? 's']!,
    0,
  );
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1_024, m: 1_048_576, g: 1_073_741_824 };

/** Bytes in an nginx size ("2m", "512k", "1048576"). */
export function parseSize(value: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(value.trim());
  if (!match) throw new Error(`not a size: ${JSON.stringify(value)}`);
  return Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]!;
}
