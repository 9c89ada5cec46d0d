import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZodObject } from 'zod';
import type { AppOptions, AppState } from './app-options.js';
import { ProbeSlots } from './domain/monitors/probe-slots.js';
import { requireAdminToken } from './plugins/admin-guard.js';
import { LOOPBACK_HOSTS } from './plugins/allowed-hosts.js';
import { identifyCallers, requireAuthentication } from './plugins/auth-guard.js';
import { refuseWhileClosing } from './plugins/closing-guard.js';
import { frameworkErrorOptions, MAX_PARAM_LENGTH, registerErrorHandler } from './plugins/error-handler.js';
import { guardHostAndOrigin } from './plugins/host-guard.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRateLimits } from './plugins/rate-limits.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { refuseNulCharacters } from './plugins/text-guard.js';
import { registerWebApp } from './plugins/web-app.js';
import { requestLogController, serializeRequest } from './request-log.js';
import { accountRoutes } from './routes/account-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { PROTECTED_ROUTES, PUBLIC_ROUTES } from './routes/index.js';
import type { RouteContext } from './routes/route-context.js';
import { serveCustomDomains } from './routes/status-page-domains.js';

/** A hop count becomes a function of the hop: Fastify's types leave the number form out. */
function trustedProxies(setting: AppOptions['trustProxy']) {
  if (typeof setting !== 'number') return setting ?? false;
  return (_address: string, hop: number) => hop < setting;
}

/**
 * Builds the API as a plugin tree: external plugins, then app plugins, then
 * routes. Public routes sit outside the authenticated scope; everything else
 * is inside it, so no route can forget to authenticate.
 */
export async function buildApp(
  options: AppOptions,
  state: AppState = { shuttingDown: false },
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger
      ? {
          loggerInstance: options.logger.child(
            {},
            { serializers: { req: serializeRequest } },
          ) as FastifyBaseLogger,
        }
      : { logger: false }),
    logController: requestLogController(options.requestLogLevel ?? 'info'),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: trustedProxies(options.trustProxy),
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A request without Host reaches the host guard, which answers it in the API's error shape.
    http: { requireHostHeader: false },
    ...frameworkErrorOptions(),
  });
  // Request bodies name every field they may carry: an unknown one (a typo such as `intervalSecond`)
  // is a 400 naming it, never silently dropped. Set on each route's schema, so OpenAPI says so too.
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (body instanceof ZodObject) route.schema = { ...route.schema, body: body.strict() };
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  refuseWhileClosing(app);
  guardHostAndOrigin(app, [...LOOPBACK_HOSTS, ...(options.allowedHosts ?? [])]);
  const now = options.now ?? (() => new Date());
  // Before everything else the host guard lets in: a page's own domain reaches nothing but the page.
  serveCustomDomains(app, options, now);

  await app.register(cookie);
  await registerOpenApi(app);
  const probeSlots = new ProbeSlots();
  // Before the rate limits: they budget per API key when a valid one came with the request.
  identifyCallers(app, options.db, now);
  refuseNulCharacters(app);

  // Health checks sit before the rate limits: an orchestrator polling them from one address is never throttled.
  await app.register(async (healthScope) => {
    healthRoutes({ app: healthScope.withTypeProvider<ZodTypeProvider>(), options, state, now, probeSlots });
  });
  // The dashboard's own files do not spend the API budget of the person loading it.
  if (options.webRoot) await registerWebApp(app, options.webRoot);
  await registerRateLimits(app, options.rateLimit);

  await app.register(async (publicScope) => {
    const context: RouteContext = {
      app: publicScope.withTypeProvider<ZodTypeProvider>(),
      options,
      state,
      now,
      probeSlots,
    };
    authRoutes(context);
    for (const routes of PUBLIC_ROUTES) routes(context);
  });

  await app.register(async (protectedScope) => {
    requireAuthentication(protectedScope);
    const context: RouteContext = {
      app: protectedScope.withTypeProvider<ZodTypeProvider>(),
      options,
      state,
      now,
      probeSlots,
    };
    accountRoutes(context);
    for (const routes of PROTECTED_ROUTES) routes(context);
  });

  const { adminToken } = options;
  if (adminToken) {
    await app.register(async (adminScope) => {
      requireAdminToken(adminScope, adminToken);
      adminRoutes({ app: adminScope.withTypeProvider<ZodTypeProvider>(), options, state, now, probeSlots });
    });
  }

  return app;
}
