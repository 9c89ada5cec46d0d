import {
  adminDirectoryRegistriesSchema,
  adminDirectorySyncRequestedSchema,
  adminOrganizationSchema,
  adminOrganizationsQuery,
  adminOrganizationsSchema,
  changePlanBody,
  errorResponse,
  organizationParams,
} from '@mcpulse/contract';
import { directoryRegistries, requestSyncNow } from '../domain/admin/directory-sync.js';
import { changePlan, getOrganization, organizationsOfMember } from '../domain/admin/organizations.js';
import type { RouteContext } from './route-context.js';

const security = [{ adminToken: [] }];

/**
 * Operator routes, outside every organisation: find an organisation by a
 * member's e-mail and move it to another plan; see the public directory's
 * registries and ask for a sync now. Registered only when
 * `MCPULSE_ADMIN_TOKEN` is set, behind that token alone.
 */
export function adminRoutes({ app, options }: RouteContext): void {
  app.get(
    '/api/v1/admin/organizations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Organisations a person belongs to, with plan, usage and members (operator token)',
        security,
        querystring: adminOrganizationsQuery,
        response: {
          200: adminOrganizationsSchema,
          400: errorResponse,
          401: errorResponse,
        },
      },
    },
    async (request) => ({ data: await organizationsOfMember(options.db, request.query.email) }),
  );

  app.get(
    '/api/v1/admin/organizations/:organizationId',
    {
      schema: {
        tags: ['admin'],
        summary: 'One organisation with plan, usage and members (operator token)',
        security,
        params: organizationParams,
        response: {
          200: adminOrganizationSchema,
          400: errorResponse,
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => getOrganization(options.db, request.params.organizationId),
  );

  app.put(
    '/api/v1/admin/organizations/:organizationId/plan',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Move an organisation to another plan; refused while it runs more monitors than the plan allows',
        security,
        params: organizationParams,
        body: changePlanBody,
        response: {
          200: adminOrganizationSchema,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const organization = await changePlan(options.db, request.params.organizationId, request.body.plan);
      request.log.info(
        { organizationId: organization.id, plan: organization.plan },
        'plan changed by the operator',
      );
      return organization;
    },
  );

  app.get(
    '/api/v1/admin/directory/registries',
    {
      schema: {
        tags: ['admin'],
        summary: "The public directory's registries and how far each one's last sync got (operator token)",
        security,
        response: { 200: adminDirectoryRegistriesSchema, 401: errorResponse },
      },
    },
    async () => ({ data: await directoryRegistries(options.db) }),
  );

  app.post(
    '/api/v1/admin/directory/sync',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Sync the public directory from its registries now, on the scheduler's side; requests made while one waits are one (operator token)",
        security,
        response: { 202: adminDirectorySyncRequestedSchema, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const requested = await requestSyncNow(options.queues, options.now?.() ?? new Date());
      request.log.info('directory sync requested by the operator');
      return reply.code(202).send(requested);
    },
  );
}
