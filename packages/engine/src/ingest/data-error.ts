import { storableText } from '@mcpulse/core';
import { STORABLE_LIMITS } from '@mcpulse/core/domain';

/**
 * SQLSTATE classes a row's own values cause, so the same row fails the same
 * way on every retry: 22 data exception (NUL, malformed JSON, out of range),
 * 23 integrity constraint violation (a monitor deleted meanwhile), 54 program
 * limit exceeded (nesting, sizes).
 */
const DATA_CLASSES = new Set(['22', '23', '54']);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let cause = error; cause instanceof Error && chain.length < 8; cause = cause.cause) chain.push(cause);
  return chain;
}

function sqlState(error: unknown): string | null {
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/**
 * True when a failure comes from the data being stored, not from the database
 * being unavailable: retrying the same rows cannot succeed, so they must be
 * told apart from the rest. An error without SQLSTATE counts when our own code
 * threw it on a value (JSON nested too deeply, an impossible date); lost
 * connections, timeouts, deadlocks and serialization failures do not count.
 */
export function causedByData(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== null) return DATA_CLASSES.has(state.slice(0, 2));
  return causes(error).some((cause) => cause instanceof RangeError || cause instanceof TypeError);
}

/** The database's own words for a refusal, short and storable: its message and SQLSTATE. */
export function refusalReason(error: unknown): string {
  const chain = causes(error);
  const state = sqlState(error);
  const source = chain.find((cause) => (cause as { code?: unknown }).code === state) ?? chain.at(-1);
  const message = source instanceof Error ? source.message : String(error);
  const text = state ? `${message} (SQLSTATE ${state})` : message;
  return storableText(text.replace(/\s+/g, ' '), Math.min(200, STORABLE_LIMITS.errorMessageChars));
}
