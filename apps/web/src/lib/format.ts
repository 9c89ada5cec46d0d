/** Display formatting shared by every page; pure, so tests pin it down. */

export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined) return '—';
  const percent = ratio * 100;
  // 99.999 % must not round up to a perfect 100 %.
  if (percent < 100 && percent.toFixed(digits) === (100).toFixed(digits))
    return `${(100 - 10 ** -digits).toFixed(digits)} %`;
  return `${percent.toFixed(digits)} %`;
}

/** Uptime as a percentage; null is a span with no monitored time, shown as "no data", never 100 %. */
export function formatUptime(ratio: number | null | undefined, digits = 2): string {
  return ratio === null || ratio === undefined ? 'no data' : formatPercent(ratio, digits);
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A span of time in the largest two units that matter: "3 h 12 min", "45 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "just now" for the last few seconds. */
export function formatAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (ms < 5_000) return 'just now';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The UTC date of `iso`: uptime's days are UTC days, whatever the viewer's time zone. */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** A count with thousands separators, the same in every locale: "1,438". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The first `max` names, each cut to `maxChars`, joined: "a, b, c and 1,234 more". */
export function formatNames(names: readonly unknown[], max: number, maxChars: number): string {
  const shown = names.slice(0, max).map((name) => {
    const text = typeof name === 'string' ? name : String(name);
    return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  });
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${formatCount(more)} more` : shown.join(', ');
}
