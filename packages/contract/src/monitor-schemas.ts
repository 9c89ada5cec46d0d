import { headerProblems, probeResultSchema } from '@mcpulse/core';
import {
  MASKED_HEADER_VALUE,
  MONITOR_DEFAULTS,
  MONITOR_DISPLAY_STATUSES,
  MONITOR_LIMITS,
  MONITOR_TRANSPORTS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import { httpUrl, unique } from './field-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

const limits = MONITOR_LIMITS;

export const monitorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    transport: z.enum(MONITOR_TRANSPORTS),
    regions: z.array(z.string()),
    intervalSeconds: z.number().int(),
    timeoutMs: z.number().int(),
    degradedThresholdMs: z.number().int(),
    confirmations: z.number().int(),
    regionQuorum: z.number().int().nullable(),
    paused: z.boolean(),
    isPublic: z.boolean(),
    headers: z
      .record(z.string(), z.literal(MASKED_HEADER_VALUE))
      .describe('Header names; values are never returned'),
    status: z.enum(MONITOR_DISPLAY_STATUSES),
    statusSince: z.date(),
    lastCheckedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Monitor' });

export const monitorListSchema = z.object({ monitors: z.array(monitorSchema) });

const url = httpUrl('must not carry credentials; use an Authorization header').describe(
  'The MCP endpoint, http or https',
);

const headers = z
  .record(z.string(), z.string())
  .superRefine((value, ctx) => {
    for (const problem of headerProblems(value)) {
      ctx.addIssue({
        code: 'custom',
        path: problem.name === null ? [] : [problem.name],
        message: problem.message,
      });
    }
  })
  .describe(
    `Request headers sent with every probe, e.g. Authorization (at most ${limits.headers.max}); stored encrypted, never returned`,
  );

const regions = z
  .array(z.string().min(1).max(limits.regionNameLength.max))
  .min(limits.regions.min)
  .max(limits.regions.max)
  .refine(unique, 'must not repeat a region');

/** Each field once, without defaults, so that a partial update never fills in what the client left out. */
const fields = {
  name: z.string().trim().min(1).max(limits.nameLength.max),
  url,
  transport: z.enum(MONITOR_TRANSPORTS),
  regions,
  intervalSeconds: z.number().int().min(limits.intervalSeconds.min).max(limits.intervalSeconds.max),
  timeoutMs: z.number().int().min(limits.timeoutMs.min).max(limits.timeoutMs.max),
  degradedThresholdMs: z
    .number()
    .int()
    .min(limits.degradedThresholdMs.min)
    .max(limits.degradedThresholdMs.max)
    .describe('A successful check slower than this is degraded; must be less than timeoutMs'),
  confirmations: z
    .number()
    .int()
    .min(limits.confirmations.min)
    .max(limits.confirmations.max)
    .describe('Consecutive results needed to change state'),
  regionQuorum: z
    .number()
    .int()
    .min(limits.regionQuorum.min)
    .max(limits.regionQuorum.max)
    .nullable()
    .describe('Regions that must agree, at most the number of regions; null means half, at least one'),
  isPublic: z.boolean(),
  headers,
};

export const createMonitorBody = z.object({
  ...fields,
  transport: fields.transport.default(MONITOR_DEFAULTS.transport),
  regions: fields.regions.optional().describe("Default: all of the deployment's regions"),
  intervalSeconds: fields.intervalSeconds.default(MONITOR_DEFAULTS.intervalSeconds),
  timeoutMs: fields.timeoutMs.default(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: fields.degradedThresholdMs.default(MONITOR_DEFAULTS.degradedThresholdMs),
  confirmations: fields.confirmations.default(MONITOR_DEFAULTS.confirmations),
  regionQuorum: fields.regionQuorum.default(MONITOR_DEFAULTS.regionQuorum),
  isPublic: fields.isPublic.default(MONITOR_DEFAULTS.isPublic),
  headers: fields.headers.default({}),
  probeFirst: z
    .boolean()
    .default(false)
    .describe(
      'Probe with these settings before saving; the monitor is saved whatever the result, and the check counts as its first',
    ),
  firstCheckToken: z
    .string()
    .max(2048)
    .optional()
    .describe(
      'The firstCheckToken of a "test connection" answer: with the same settings, and at most 10 minutes old, that check counts as the monitor\'s first (otherwise it is ignored)',
    ),
});

export const testConnectionResultSchema = probeResultSchema
  .extend({
    firstCheckToken: z
      .string()
      .describe('Hand it back as firstCheckToken when creating the monitor with these settings'),
  })
  .meta({ id: 'TestConnectionResult' });

export const updateMonitorBody = z
  .object(fields)
  .partial()
  .extend({
    headers: fields.headers
      .optional()
      .describe(
        `Replaces the whole set; a value of "${MASKED_HEADER_VALUE}" keeps the saved value of that name`,
      ),
  });

export const testConnectionBody = z.object({
  url: fields.url,
  transport: fields.transport.default(MONITOR_DEFAULTS.transport),
  headers: fields.headers.default({}),
  timeoutMs: fields.timeoutMs.default(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: fields.degradedThresholdMs.default(MONITOR_DEFAULTS.degradedThresholdMs),
});

export const listMonitorsQuery = z.object({
  search: z.string().max(200).optional().describe('Part of the name or URL, any case'),
  status: z.enum(MONITOR_DISPLAY_STATUSES).optional(),
});

export const createdMonitorSchema = z.object({
  monitor: monitorSchema,
  probe: probeResultSchema.nullable().describe('The probe run before saving, when probeFirst was set'),
});

export type Monitor = AnswerOf<typeof monitorSchema>;
export type MonitorList = AnswerOf<typeof monitorListSchema>;
export type ListMonitorsQuery = RequestOf<typeof listMonitorsQuery>;
export type CreateMonitorBody = RequestOf<typeof createMonitorBody>;
export type CreatedMonitor = AnswerOf<typeof createdMonitorSchema>;
export type UpdateMonitorBody = RequestOf<typeof updateMonitorBody>;
export type TestConnectionBody = RequestOf<typeof testConnectionBody>;
/** A probe run now ("check now"). */
export type ProbeResult = AnswerOf<typeof probeResultSchema>;
/** The answer of "test connection": the result, and a token that lets creating the monitor count it. */
export type TestConnectionResult = AnswerOf<typeof testConnectionResultSchema>;
