import type { SummaryPart } from './event-summary.js';

/** How a chat channel writes each kind of run: `text` escaped, `literal` as an opening, a body and a closing. */
export interface PartStyle {
  text(value: string): string;
  /** Must make any body inert: the body is already cleared of what could end the span early. */
  literal: { open: string; close: string; body(value: string): string };
}

const ELLIPSIS = '…';

/**
 * Writes a field's runs in at most `max` characters. A cut never splits an
 * escape or leaves a literal span open, which would let what follows it be
 * read as markup: the cut falls inside a run's raw words, and the span is
 * closed after the ellipsis.
 */
export function renderParts(parts: readonly SummaryPart[], style: PartStyle, max: number): string {
  let out = '';
  for (const part of parts) {
    const room = max - out.length;
    if (room <= 0) break;
    if ('text' in part) {
      const whole = style.text(part.text);
      if (whole.length <= room) {
        out += whole;
        continue;
      }
      out += fitText(part.text, (raw) => style.text(raw), room);
      break;
    }
    const { open, close, body } = style.literal;
    const whole = open + body(part.literal) + close;
    if (whole.length <= room) {
      out += whole;
      continue;
    }
    const inner = room - open.length - close.length;
    if (inner > ELLIPSIS.length) out += open + fitText(part.literal, body, inner) + close;
    break;
  }
  return out;
}

/** The longest prefix of `raw` whose rendering plus an ellipsis fits `room`. */
function fitText(raw: string, render: (raw: string) => string, room: number): string {
  let low = 0;
  let high = raw.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(raw.slice(0, mid)).length + ELLIPSIS.length <= room) low = mid;
    else high = mid - 1;
  }
  // Never end on the first half of a surrogate pair: the cut would leave a lone surrogate.
  const code = raw.charCodeAt(low - 1);
  if (low > 0 && code >= 0xd800 && code <= 0xdbff) low -= 1;
  return room < ELLIPSIS.length ? '' : render(raw.slice(0, low)) + ELLIPSIS;
}

/** Line breaks would end an inline span in every chat; a grave accent would close it. */
export function inlineLiteral(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').replaceAll('`', 'ˋ');
}
