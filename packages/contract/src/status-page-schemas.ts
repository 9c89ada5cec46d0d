import {
  INCIDENT_UPDATE_STATUSES,
  RESERVED_STATUS_PAGE_SLUGS,
  STATUS_PAGE_FIGURES,
  STATUS_PAGE_LIMITS,
  STATUS_PAGE_SLUG,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

/** A DNS host name of at least two labels, lower-case, no port, no trailing dot. */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const statusPageSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(STATUS_PAGE_LIMITS.slugChars)
  .regex(STATUS_PAGE_SLUG, 'lower-case letters, digits and inner hyphens only')
  .refine((slug) => !RESERVED_STATUS_PAGE_SLUGS.includes(slug), 'this slug is reserved')
  .describe('The page is served at `/status/<slug>`; unique across the service');

export const statusPageMonitorBody = z.object({
  monitorId: z.uuid().describe('One of the organisation’s monitors'),
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(STATUS_PAGE_LIMITS.displayNameChars)
    .nullable()
    .default(null)
    .describe('The name the page shows; null shows the monitor’s own name'),
});

export const statusPageGroupBody = z.object({
  name: z.string().trim().min(1).max(STATUS_PAGE_LIMITS.groupNameChars),
  monitors: z.array(statusPageMonitorBody).max(STATUS_PAGE_LIMITS.monitors),
});

/** A page as its owner writes it, whole: PUT replaces every field, groups included. */
export const statusPageBody = z
  .object({
    slug: statusPageSlug,
    title: z.string().trim().min(1).max(STATUS_PAGE_LIMITS.titleChars),
    description: z.string().trim().max(STATUS_PAGE_LIMITS.descriptionChars).default(''),
    logoUrl: z
      .url({ protocol: /^https$/, error: 'an https URL' })
      .max(STATUS_PAGE_LIMITS.logoUrlChars)
      .nullable()
      .default(null)
      .describe('An https URL of the logo image; null for none'),
    customDomain: z
      .string()
      .trim()
      .toLowerCase()
      .max(STATUS_PAGE_LIMITS.customDomainChars)
      .regex(HOST_NAME, 'a host name such as status.example.com, without scheme, port or path')
      .nullable()
      .default(null)
      .describe(
        'Serve the page at the root of this host too, once its DNS proves it is the organisation’s (see `domainVerification`) and the operator puts it on MCPULSE_ALLOWED_HOSTS (see `domainAllowed`). Changing it clears the proof',
      ),
    figures: z
      .array(z.enum(STATUS_PAGE_FIGURES))
      .max(STATUS_PAGE_FIGURES.length)
      .refine((figures) => new Set(figures).size === figures.length, 'each figure at most once')
      .default([...STATUS_PAGE_FIGURES])
      .describe('What the page shows beside each monitor’s current state'),
    groups: z
      .array(statusPageGroupBody)
      .max(STATUS_PAGE_LIMITS.groups)
      .default([])
      .describe('Named groups of monitors, in the order shown'),
  })
  .meta({ id: 'StatusPageBody' });

export const statusPageMonitorSchema = z.object({
  monitorId: z.uuid(),
  displayName: z.string().nullable(),
  /** The monitor's own name, for the owner's editor. */
  monitorName: z.string(),
});

export const statusPageGroupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  monitors: z.array(statusPageMonitorSchema),
});

export const statusPageSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    customDomain: z.string().nullable(),
    domainAllowed: z
      .boolean()
      .describe('Whether the custom domain is on MCPULSE_ALLOWED_HOSTS, so requests to it reach the service'),
    domainVerification: z
      .object({
        record: z
          .string()
          .describe('The DNS name of the TXT record to create: `_mcpulse-challenge.<domain>`'),
        value: z.string().describe('What the record must hold: `mcpulse-verification=<token>`'),
        verifiedAt: z
          .date()
          .nullable()
          .describe('When the record was last found; null until then, and again once it is gone'),
      })
      .nullable()
      .describe(
        'How the organisation proves it controls the custom domain (null without one). The page is served there only once proved and on MCPULSE_ALLOWED_HOSTS',
      ),
    figures: z.array(z.enum(STATUS_PAGE_FIGURES)),
    groups: z.array(statusPageGroupSchema),
    url: z.string().describe('Where the public page is, under MCPULSE_PUBLIC_URL'),
    subscribers: z.number().int().describe('Confirmed webhook subscribers'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'StatusPage' });

export const statusPageListSchema = z.object({ pages: z.array(statusPageSchema) });

export const incidentUpdateBody = z
  .object({
    status: z.enum(INCIDENT_UPDATE_STATUSES),
    message: z.string().trim().min(1).max(STATUS_PAGE_LIMITS.updateMessageChars),
  })
  .meta({ id: 'IncidentUpdateBody' });

export const incidentUpdateSchema = z
  .object({
    id: z.uuid(),
    incidentId: z.uuid(),
    status: z.enum(INCIDENT_UPDATE_STATUSES),
    message: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: 'IncidentUpdate' });

export const incidentUpdateListSchema = z.object({ updates: z.array(incidentUpdateSchema) });

export const incidentUpdateParams = z.object({ id: z.uuid(), updateId: z.uuid() });

export type StatusPage = AnswerOf<typeof statusPageSchema>;
export type StatusPageList = AnswerOf<typeof statusPageListSchema>;
export type StatusPageBody = RequestOf<typeof statusPageBody>;
export type IncidentUpdate = AnswerOf<typeof incidentUpdateSchema>;
export type IncidentUpdateList = AnswerOf<typeof incidentUpdateListSchema>;
export type IncidentUpdateBody = RequestOf<typeof incidentUpdateBody>;
