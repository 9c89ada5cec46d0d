import { apiKeyRoutes } from './api-key-routes.js';
import { monitorRoutes } from './monitor-routes.js';
import type { RouteContext } from './route-context.js';

/** Route modules reachable without authentication (besides health and sign-in). */
export const PUBLIC_ROUTES: Array<(context: RouteContext) => void> = [];

/** Route modules behind authentication; every query inside them is scoped to the caller's organisation. */
export const PROTECTED_ROUTES: Array<(context: RouteContext) => void> = [apiKeyRoutes, monitorRoutes];
