import { apiKeyRoutes } from './api-key-routes.js';
import { badgeSettingRoutes, publicBadgeRoutes } from './badge-routes.js';
import { directoryAuditRoutes } from './directory-audit-routes.js';
import { directoryRoutes } from './directory-routes.js';
import { driftSnapshotRoutes } from './drift-snapshot-routes.js';
import { maintenanceRoutes } from './maintenance-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { monitorRoutes } from './monitor-routes.js';
import { oauthRoutes, publicOAuthRoutes } from './oauth-routes.js';
import { publicReadRoutes, readRoutes } from './read-routes.js';
import { regionRoutes } from './region-routes.js';
import type { RouteContext } from './route-context.js';
import { statusPagePublicRoutes } from './status-page-public-routes.js';
import { incidentUpdateRoutes, statusPageRoutes } from './status-page-routes.js';
import {
  publicStatusPageSubscriberRoutes,
  statusPageSubscriberRoutes,
} from './status-page-subscriber-routes.js';
import { webhookRoutes } from './webhook-routes.js';

/** Route modules reachable without authentication (besides health and sign-in). */
export const PUBLIC_ROUTES: Array<(context: RouteContext) => void> = [
  publicReadRoutes,
  publicOAuthRoutes,
  directoryAuditRoutes,
  publicBadgeRoutes,
  directoryRoutes,
  publicStatusPageSubscriberRoutes,
  statusPagePublicRoutes,
];

/** Route modules behind authentication; every query inside them is scoped to the caller's organisation. */
export const PROTECTED_ROUTES: Array<(context: RouteContext) => void> = [
  apiKeyRoutes,
  badgeSettingRoutes,
  driftSnapshotRoutes,
  regionRoutes,
  metricsRoutes,
  monitorRoutes,
  maintenanceRoutes,
  oauthRoutes,
  readRoutes,
  statusPageRoutes,
  incidentUpdateRoutes,
  statusPageSubscriberRoutes,
  webhookRoutes,
];
