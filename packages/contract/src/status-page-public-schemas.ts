import {
  INCIDENT_UPDATE_STATUSES,
  MONITOR_DISPLAY_STATUSES,
  STATUS_PAGE_FIGURES,
  STATUS_PAGE_LIMITS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf } from './wire.js';

/** What a page says of all its monitors at once, worst first: the headline of the page. */
export const STATUS_PAGE_OVERALL = [
  'major_outage',
  'partial_outage',
  'degraded',
  'maintenance',
  'operational',
  'unknown',
] as const;

export const statusPagePublicParams = z.object({
  slug: z.string().max(STATUS_PAGE_LIMITS.slugChars),
});

const publicDay = z.object({
  start: z.date().describe('Midnight UTC that starts the day'),
  uptime: z.number().nullable().describe('docs/uptime.md; null when the day holds no monitored time'),
  downtimeMs: z.number().nonnegative(),
  degradedMs: z.number().nonnegative(),
});

const publicMonitor = z.object({
  name: z.string(),
  status: z.enum(MONITOR_DISPLAY_STATUSES),
  statusSince: z.date().nullable(),
  uptime: z
    .object({
      '24h': z.number().nullable(),
      '7d': z.number().nullable(),
      '30d': z.number().nullable(),
      '90d': z.number().nullable(),
    })
    .optional()
    .describe('Shown with the `uptime` figure: the same figures as the monitor’s own page'),
  days: z.array(publicDay).optional().describe('Shown with the `history` figure: 90 UTC days, oldest first'),
  p95Ms24h: z.number().nullable().optional().describe('Shown with the `latency` figure'),
  mcp: z
    .object({
      protocolVersion: z.string().nullable(),
      toolCount: z.number().int().nullable(),
      lastSchemaChangeAt: z
        .date()
        .nullable()
        .describe('The last `schema.drift` event within 90 days; null when none was in that time'),
    })
    .optional()
    .describe('Shown with the `mcp` figure'),
});

const publicUpdate = z.object({
  id: z.uuid(),
  status: z.enum(INCIDENT_UPDATE_STATUSES),
  message: z.string(),
  createdAt: z.date(),
});

const publicIncident = z.object({
  id: z.uuid(),
  monitor: z.string().describe('The name the page shows the monitor under'),
  kind: z.enum(['down', 'degraded']),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  errorCode: z.string().nullable().describe('The probe’s error code; never the server’s message'),
  maintenance: z.boolean().describe('Opened inside a maintenance window'),
  updates: z.array(publicUpdate).describe('What the owner posted, newest first'),
});

const publicMaintenance = z.object({
  id: z.uuid(),
  title: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  active: z.boolean(),
  monitors: z.array(z.string()).describe('The page’s monitors it covers, by the names the page shows'),
});

export const statusPagePublicSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    figures: z.array(z.enum(STATUS_PAGE_FIGURES)),
    asOf: z.date().describe('When these facts were read; a page is at most one check interval (≤ 30 s) old'),
    overall: z.enum(STATUS_PAGE_OVERALL),
    groups: z.array(z.object({ name: z.string(), monitors: z.array(publicMonitor) })),
    incidents: z
      .object({ active: z.array(publicIncident), past: z.array(publicIncident) })
      .optional()
      .describe(
        `Shown with the \`incidents\` figure: open ones, and up to ${STATUS_PAGE_LIMITS.pastIncidents} that ended within ${STATUS_PAGE_LIMITS.pastIncidentDays} days`,
      ),
    maintenance: z
      .array(publicMaintenance)
      .optional()
      .describe('Shown with the `incidents` figure: going on, or starting within 7 days'),
    pastMaintenance: z
      .array(publicMaintenance)
      .optional()
      .describe(
        `Shown with the \`incidents\` figure: up to ${STATUS_PAGE_LIMITS.pastIncidents} that ended within ${STATUS_PAGE_LIMITS.pastIncidentDays} days, latest ended first`,
      ),
    feeds: z.object({ atom: z.string(), json: z.string() }),
  })
  .meta({ id: 'PublicStatusPage' });

export type PublicStatusPage = AnswerOf<typeof statusPagePublicSchema>;
