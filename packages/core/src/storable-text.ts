/** Removes the monitor's secrets from a string a server sent. */
export type Scrub = (text: string) => string;

const REDACTED = '[redacted]';
const keepAll: Scrub = (text) => text;

/**
 * A scrubber for the monitor's header values: each value, and the token of a
 * value with a scheme (`Bearer sk-…`), becomes `[redacted]`. Values shorter
 * than four characters are left alone: they would redact ordinary words.
 */
export function secretScrubber(headerValues: readonly string[]): Scrub {
  const needles: string[] = [];
  for (const value of headerValues) {
    if (value.length < 4) continue;
    needles.push(value);
    const token = /^\s*\S+\s+(\S{4,})\s*$/.exec(value)?.[1];
    if (token) needles.push(token);
  }
  if (needles.length === 0) return keepAll;
  return (text) => {
    let scrubbed = text;
    for (const needle of needles) {
      if (scrubbed.includes(needle)) scrubbed = scrubbed.split(needle).join(REDACTED);
    }
    return scrubbed;
  };
}

// Postgres text and jsonb refuse NUL, and a lone surrogate is not valid UTF-8 (nor I-JSON).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must go
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HIGH_SURROGATE_AT_END = /[\uD800-\uDBFF]$/;

function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A string as it may be stored: scrubbed of secrets first (so that no
 * fragment of one survives the cut), cut to `maxChars` with a note of its
 * original length, and with NUL and lone surrogates replaced by U+FFFD.
 * Applying it twice changes nothing more.
 */
export function storableText(text: string, maxChars: number, scrub: Scrub = keepAll): string {
  let out = scrub(text);
  if (out.length > maxChars) {
    const note = `… [truncated, ${withThousands(text.length)} characters]`;
    let head = out.slice(0, Math.max(0, maxChars - note.length));
    // Never leave half of a surrogate pair at the cut.
    if (HIGH_SURROGATE_AT_END.test(head)) head = head.slice(0, -1);
    out = head + note;
  }
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(out) ? out.replace(UNSTORABLE, '\uFFFD') : out;
}
