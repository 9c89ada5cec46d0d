import type { DirectoryAuditDay } from '@mcpulse/contract';
import { AUDIT_BUCKETS, type AuditBucket } from '@mcpulse/core/domain';
import type { Columns } from './latency-series.js';

const DAY_S = 86_400;

/** Each bucket's colour: the headline's is the one that reads as failure. */
export const AUDIT_BUCKET_COLORS: Record<AuditBucket, string> = {
  mcp_up: '--good',
  http_alive_mcp_dead: '--bad',
  auth_required: '--series-0',
  dns: '--series-3',
  tls: '--series-5',
  refused: '--series-1',
  timeout: '--phase-7',
  blocked_address: '--muted-fg',
};

/** A UTC day (`YYYY-MM-DD`) as unix seconds at its start. */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/**
 * The daily series as chart columns: one point per day, each bucket's share in percent, null
 * for a day without checks. Days are consecutive from the first to the last, so a missing day is
 * a gap in the line, never a straight line across it.
 */
export function auditShareColumns(days: readonly DirectoryAuditDay[]): Columns {
  if (days.length === 0) return [[], ...AUDIT_BUCKETS.map(() => [])];
  const byDay = new Map(days.map((day) => [daySeconds(day.day), day]));
  const first = daySeconds(days[0]!.day);
  const last = daySeconds(days[days.length - 1]!.day);
  const xs: number[] = [];
  for (let t = first; t <= last; t += DAY_S) xs.push(t);
  const series = AUDIT_BUCKETS.map((bucket) =>
    xs.map((t) => {
      const share = byDay.get(t)?.buckets.find((entry) => entry.bucket === bucket)?.share;
      return share === null || share === undefined ? null : Math.round(share * 10_000) / 100;
    }),
  );
  return [xs, ...series];
}

/** The window a series spans, at least one day wide. */
export function auditWindow(days: readonly DirectoryAuditDay[]): [number, number] {
  if (days.length === 0) {
    const today = Math.floor(Date.now() / 1000 / DAY_S) * DAY_S;
    return [today - DAY_S, today];
  }
  const first = daySeconds(days[0]!.day);
  const last = daySeconds(days[days.length - 1]!.day);
  return [first, Math.max(last, first + DAY_S)];
}
