/** A stretch of time [from, to) in epoch milliseconds. */
export interface TimeSpan {
  from: number;
  to: number;
}

/** The spans sorted and merged where they touch or overlap; empty spans dropped. */
export function mergeSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = spans.filter((span) => span.to > span.from).sort((a, b) => a.from - b.from);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** The time in both merged lists, as a merged list. */
export function intersectSpans(a: readonly TimeSpan[], b: readonly TimeSpan[]): TimeSpan[] {
  const both: TimeSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as TimeSpan;
    const y = b[j] as TimeSpan;
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (to > from) both.push({ from, to });
    if (x.to < y.to) i++;
    else j++;
  }
  return both;
}

/** The time in merged list `a` and not in merged list `b`, as a merged list. */
export function subtractSpans(a: readonly TimeSpan[], b: readonly TimeSpan[]): TimeSpan[] {
  const left: TimeSpan[] = [];
  let j = 0;
  for (const span of a) {
    let from = span.from;
    while (j < b.length && (b[j] as TimeSpan).to <= from) j++;
    let k = j;
    while (k < b.length && (b[k] as TimeSpan).from < span.to) {
      const cut = b[k] as TimeSpan;
      if (cut.from > from) left.push({ from, to: cut.from });
      from = Math.max(from, cut.to);
      k++;
    }
    if (span.to > from) left.push({ from, to: span.to });
  }
  return left;
}

export function spansLength(spans: readonly TimeSpan[]): number {
  return spans.reduce((sum, span) => sum + (span.to - span.from), 0);
}
