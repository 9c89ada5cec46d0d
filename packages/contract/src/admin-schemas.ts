import { MEMBER_ROLES, PLANS } from '@mcpulse/core/domain';
import { z } from 'zod';

export const adminOrganizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    plan: z.enum(PLANS),
    createdAt: z.date(),
    usage: z.object({ monitors: z.number().int(), monitorQuota: z.number().int() }),
    members: z.array(z.object({ email: z.string(), role: z.enum(MEMBER_ROLES) })),
  })
  .meta({ id: 'AdminOrganization' });

export const adminOrganizationsQuery = z.object({ email: z.email().max(254) });

export const adminOrganizationsSchema = z.object({ data: z.array(adminOrganizationSchema) });

export const organizationParams = z.object({ organizationId: z.uuid() });

export const changePlanBody = z.object({ plan: z.enum(PLANS) });

/** A registry the directory reads and how far its last sync got (docs/directory.md). */
export const adminDirectoryRegistrySchema = z
  .object({
    url: z.string(),
    updatedSince: z.date().nullable(),
    lastSyncStartedAt: z.date().nullable(),
    lastSyncFinishedAt: z.date().nullable(),
    lastFullSyncAt: z.date().nullable(),
    lastSyncError: z.string().nullable(),
    lastSyncEntries: z.number().int().nullable(),
    lastSyncSkipped: z.number().int().nullable(),
  })
  .meta({ id: 'AdminDirectoryRegistry' });

export const adminDirectoryRegistriesSchema = z.object({ data: z.array(adminDirectoryRegistrySchema) });

export const adminDirectorySyncRequestedSchema = z.object({ requestedAt: z.date() });
