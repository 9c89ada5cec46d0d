import { AUDIT_BUCKET_LABELS } from '@mcpulse/core/domain';
import type { AuditEndpoint } from '@mcpulse/db';
import type { AuditDay } from './audit-report.js';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a
 * registry or a server chooses the text, so such a cell is prefixed with an apostrophe, which
 * spreadsheets show as text. Numbers we write ourselves never pass through here.
 */
const FORMULA_START = /^[=+\-@\t\r\n|%]/;

/** One CSV field: text guarded against formulas, then quoted when it must be (RFC 4180). */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function csv(
  header: readonly string[],
  rows: Iterable<readonly (string | number | boolean | null)[]>,
): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const ENDPOINTS_CSV_HEADER = [
  'url',
  'host',
  'servers',
  'transport',
  'auth_requirement',
  'probed',
  'skip_reason',
  'bucket',
  'bucket_label',
  'status',
  'error_code',
  'http_status',
  'http_alive',
  'era',
  'protocol_version',
  'tool_count',
  'checked_at',
] as const;

/** Every directory endpoint with its latest check's outcome (empty when not probed or not checked yet). */
export function endpointsCsv(endpoints: readonly AuditEndpoint[]): string {
  return csv(
    ENDPOINTS_CSV_HEADER,
    endpoints.map((endpoint) => {
      const check = endpoint.check;
      return [
        endpoint.url,
        endpoint.host,
        endpoint.servers.join(' '),
        endpoint.transport,
        endpoint.authRequirement,
        endpoint.skipReason === null,
        endpoint.skipReason,
        check?.bucket ?? null,
        check ? AUDIT_BUCKET_LABELS[check.bucket] : null,
        check?.status ?? null,
        check?.errorCode ?? null,
        check?.httpStatus ?? null,
        check ? check.httpAlive : null,
        check?.era ?? null,
        check?.protocolVersion ?? null,
        check?.toolCount ?? null,
        check ? check.checkedAt.toISOString() : null,
      ];
    }),
  );
}

export const DAYS_CSV_HEADER = [
  'day',
  'bucket',
  'bucket_label',
  'error_code',
  'endpoints',
  'share',
  'checked',
] as const;

/** The daily series, one row per day, bucket and error code; buckets without endpoints are left out. */
export function daysCsv(days: readonly AuditDay[]): string {
  return csv(
    DAYS_CSV_HEADER,
    days.flatMap((day) =>
      day.buckets.flatMap((bucket) =>
        bucket.errorCodes.map((code) => [
          day.day,
          bucket.bucket,
          AUDIT_BUCKET_LABELS[bucket.bucket],
          code.errorCode,
          code.endpoints,
          code.share === null ? null : Number(code.share.toFixed(6)),
          day.checked,
        ]),
      ),
    ),
  );
}
