import { AUDIT_BUCKETS, DIRECTORY_SKIP_REASONS } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

/** Days of the daily series an audit answer or export may carry. */
export const AUDIT_SERIES_DAYS = { max: 366, fallback: 90 } as const;

export const directoryAuditQuery = z.object({
  days: z.coerce
    .number<number | string>()
    .int()
    .min(1)
    .max(AUDIT_SERIES_DAYS.max)
    .default(AUDIT_SERIES_DAYS.fallback)
    .describe('How many UTC days of the daily series, today included'),
});

const count = z.number().int().min(0);
const share = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .describe('endpoints / checked, from 0 to 1; null when no endpoint was checked');

const errorCodeCount = z.object({
  errorCode: z.string().describe("The latest check's error code; '' for a check without one"),
  endpoints: count,
  share,
});

const bucketCount = z
  .object({
    bucket: z.enum(AUDIT_BUCKETS),
    endpoints: count,
    share,
    errorCodes: z.array(errorCodeCount).describe('The bucket split by error code, the largest first'),
  })
  .meta({ id: 'DirectoryAuditBucket' });

const auditNowSchema = z.object({
  listed: count.describe('Directory endpoints, probed or not'),
  probed: count.describe('Endpoints the directory probes'),
  checked: count.describe('Probed endpoints with a check: what the shares divide by'),
  headline: bucketCount.describe('"HTTP alive, MCP dead": the endpoints that answer HTTP while MCP fails'),
  buckets: z.array(bucketCount).describe('Every bucket, in report order, zeros included'),
  notProbed: z
    .array(z.object({ reason: z.enum(DIRECTORY_SKIP_REASONS), endpoints: count }))
    .describe('Listed endpoints the directory does not probe, by reason; in no share'),
});

const auditDaySchema = z.object({
  day: z.iso.date().describe('A UTC day'),
  checked: count.describe('Endpoints checked that day, each in the bucket of its last check of the day'),
  buckets: z.array(bucketCount),
});

export const directoryAuditSchema = z
  .object({
    asOf: z.date(),
    now: auditNowSchema.describe("Each probed endpoint's latest check"),
    days: z.array(auditDaySchema).describe('The daily series, oldest first; days without checks are absent'),
  })
  .meta({ id: 'DirectoryAudit' });

/** A CSV export's answer, for OpenAPI: the body is text. */
export const csvText = z.string().describe('RFC 4180 CSV with a header row, UTF-8');

export type DirectoryAuditQuery = RequestOf<typeof directoryAuditQuery>;
export type DirectoryAudit = AnswerOf<typeof directoryAuditSchema>;
export type DirectoryAuditBucket = DirectoryAudit['now']['buckets'][number];
export type DirectoryAuditDay = DirectoryAudit['days'][number];
