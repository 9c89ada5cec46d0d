import { AUDIT_BUCKETS, type AuditBucket, DIRECTORY_SKIP_REASONS } from '@mcpulse/core/domain';
import type { AuditDayRow, AuditEndpoint } from '@mcpulse/db';

const DAY_MS = 86_400_000;

interface ErrorCodeCount {
  errorCode: string;
  endpoints: number;
  share: number | null;
}

export interface BucketCount {
  bucket: AuditBucket;
  endpoints: number;
  share: number | null;
  errorCodes: ErrorCodeCount[];
}

export interface AuditNow {
  listed: number;
  probed: number;
  checked: number;
  headline: BucketCount;
  buckets: BucketCount[];
  notProbed: { reason: (typeof DIRECTORY_SKIP_REASONS)[number]; endpoints: number }[];
}

export interface AuditDay {
  day: string;
  checked: number;
  buckets: BucketCount[];
}

export interface AuditReport {
  now: AuditNow;
  days: AuditDay[];
}

const shareOf = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Every bucket in report order, zeros included, each split by error code (the largest first). */
function bucketCounts(counts: Iterable<{ bucket: AuditBucket; errorCode: string; endpoints: number }>): {
  checked: number;
  buckets: BucketCount[];
} {
  const byBucket = new Map<AuditBucket, Map<string, number>>(
    AUDIT_BUCKETS.map((bucket) => [bucket, new Map()]),
  );
  let checked = 0;
  for (const { bucket, errorCode, endpoints } of counts) {
    const codes = byBucket.get(bucket);
    if (!codes) continue;
    codes.set(errorCode, (codes.get(errorCode) ?? 0) + endpoints);
    checked += endpoints;
  }
  const buckets = AUDIT_BUCKETS.map((bucket) => {
    const codes = [...(byBucket.get(bucket) ?? new Map<string, number>())].sort(
      ([codeA, a], [codeB, b]) => b - a || (codeA < codeB ? -1 : codeA > codeB ? 1 : 0),
    );
    const endpoints = codes.reduce((sum, [, n]) => sum + n, 0);
    return {
      bucket,
      endpoints,
      share: shareOf(endpoints, checked),
      errorCodes: codes.map(([errorCode, n]) => ({ errorCode, endpoints: n, share: shareOf(n, checked) })),
    };
  });
  return { checked, buckets };
}

/** The audit "now": each probed endpoint's latest check, by the one bucket definition. */
export function auditNow(endpoints: readonly AuditEndpoint[]): AuditNow {
  const notProbed = new Map<(typeof DIRECTORY_SKIP_REASONS)[number], number>();
  let probed = 0;
  const checks: { bucket: AuditBucket; errorCode: string; endpoints: number }[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.skipReason !== null) {
      notProbed.set(endpoint.skipReason, (notProbed.get(endpoint.skipReason) ?? 0) + 1);
      continue;
    }
    probed += 1;
    if (endpoint.check)
      checks.push({ bucket: endpoint.check.bucket, errorCode: endpoint.check.errorCode ?? '', endpoints: 1 });
  }
  const { checked, buckets } = bucketCounts(checks);
  return {
    listed: endpoints.length,
    probed,
    checked,
    headline: buckets.find((bucket) => bucket.bucket === 'http_alive_mcp_dead') as BucketCount,
    buckets,
    notProbed: DIRECTORY_SKIP_REASONS.flatMap((reason) => {
      const n = notProbed.get(reason) ?? 0;
      return n > 0 ? [{ reason, endpoints: n }] : [];
    }),
  };
}

/** The first UTC day of a series of `days` days ending today. */
export function seriesStart(asOf: Date, days: number): string {
  const today = Math.floor(asOf.getTime() / DAY_MS) * DAY_MS;
  return new Date(today - (days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** The daily series, oldest first, from the stored rows (already in day order). */
export function auditDays(rows: readonly AuditDayRow[]): AuditDay[] {
  const byDay = new Map<string, AuditDayRow[]>();
  for (const row of rows) {
    const list = byDay.get(row.day) ?? [];
    list.push(row);
    byDay.set(row.day, list);
  }
  return [...byDay].map(([day, dayRows]) => ({ day, ...bucketCounts(dayRows) }));
}
