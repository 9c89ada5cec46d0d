import { MAINTENANCE_LIMITS } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

export const maintenanceOccurrenceSchema = z
  .object({
    id: z.uuid(),
    startsAt: z.date(),
    endsAt: z.date(),
  })
  .meta({ id: 'MaintenanceOccurrence' });

export const maintenanceWindowSchema = z
  .object({
    id: z.uuid(),
    monitorId: z.uuid().nullable().describe('Null: the window covers every monitor of the organisation'),
    title: z.string(),
    localStart: z
      .string()
      .describe('Wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm` in `timeZone`'),
    timeZone: z.string(),
    durationMinutes: z.number().int(),
    rrule: z.string().nullable(),
    createdAt: z.date(),
    occurrences: z
      .array(maintenanceOccurrenceSchema)
      .describe('The occurrence going on now, if any, and the next ones: at most five'),
  })
  .meta({ id: 'MaintenanceWindow' });

export const createMaintenanceWindowBody = z
  .object({
    monitorId: z.uuid().nullable().default(null).describe('Omit or null for the whole organisation'),
    title: z.string().trim().min(1).max(MAINTENANCE_LIMITS.titleChars),
    startNow: z
      .boolean()
      .default(false)
      .describe('Start a one-off window at once; `localStart` and `rrule` must then be left out'),
    localStart: z
      .string()
      .max(16)
      .optional()
      .describe('`YYYY-MM-DDTHH:mm` in `timeZone`: when the first occurrence starts'),
    timeZone: z.string().trim().min(1).max(MAINTENANCE_LIMITS.timeZoneChars).default('UTC').describe('IANA'),
    durationMinutes: z
      .number()
      .int()
      .min(MAINTENANCE_LIMITS.minDurationMs / 60_000)
      .max(MAINTENANCE_LIMITS.maxDurationMs / 60_000),
    rrule: z
      .string()
      .trim()
      .max(MAINTENANCE_LIMITS.rruleChars)
      .nullable()
      .default(null)
      .describe(
        'An RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=SU`), DAILY or coarser; null for a one-off window',
      ),
  })
  .meta({ id: 'CreateMaintenanceWindow' });

export const maintenanceListQuery = z.object({
  monitorId: z.uuid().optional().describe("A monitor's own windows and the organisation's"),
});

export const maintenanceEndQuery = z.object({
  cancel: z
    .enum(['true', 'false'])
    .default('false')
    .describe('`true` also removes the future occurrences of a recurring window'),
});

export const maintenanceWindowListSchema = z.object({ windows: z.array(maintenanceWindowSchema) });

export type MaintenanceWindow = AnswerOf<typeof maintenanceWindowSchema>;
export type MaintenanceWindowList = AnswerOf<typeof maintenanceWindowListSchema>;
export type CreateMaintenanceWindowBody = RequestOf<typeof createMaintenanceWindowBody>;
