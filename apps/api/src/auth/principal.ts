import type { ApiKeyScope } from '@mcpulse/core/domain';

/** Who is calling, resolved once at the boundary; every query is scoped by `organizationId`. */
export interface Principal {
  kind: 'session' | 'api_key';
  organizationId: string;
  userId: string | null;
  scope: ApiKeyScope;
  apiKeyId: string | null;
  csrfToken: string | null;
  /** The session's token hash, for what must stay with the session that started it (an OAuth sign-in). */
  sessionHash: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal of a request inside the guarded scope, where authentication already ran. */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('route registered outside the authenticated scope');
  return request.principal;
}
