/** A string cut to at most `max` characters, and how many it left out. */
export interface BoundedText {
  text: string;
  /** Characters not shown; 0 when the string is whole. */
  cut: number;
}

/** Cuts a string without splitting a surrogate pair, so what is drawn is still well-formed text. */
export function boundText(value: string, max: number): BoundedText {
  if (value.length <= max) return { text: value, cut: 0 };
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: value.slice(0, end), cut: value.length - end };
}
