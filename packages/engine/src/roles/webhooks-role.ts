import type { Logger } from '@mcpulse/config';
import { deliveryBacklog } from '@mcpulse/db';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { poolMetrics, webhookBacklogMetrics, webhookMetrics } from '../metrics/role-metrics.js';
import type { Closers } from '../process/shutdown.js';
import { startWebhookSender } from '../webhooks/webhook-sender.js';
import { connectionsReady, openConnections, type QueueSettings } from './connections.js';
import type { RunningRole } from './running-role.js';

export interface WebhooksRoleSettings extends QueueSettings {
  databaseUrl: string;
  /** Opens the endpoints' signing secrets. */
  secretKey: Buffer;
  concurrency: number;
  /** Webhook URLs obey the same address rules as probe targets. */
  allowPrivateTargets: boolean;
  allowedTargetCidrs: readonly string[];
  /** MCPULSE_PUBLIC_URL: status page subscribers' links point there. */
  publicUrl?: string;
  /** The process's metrics, which the sender adds its attempts, backlog and pool to. */
  metrics?: ProcessMetrics;
}

/**
 * Sends webhooks: a role of its own because it talks to arbitrary URLs on the
 * internet, so it scales with receivers' slowness rather than with ingest, and
 * can be given its own egress rules.
 */
export async function runWebhooksRole(
  settings: WebhooksRoleSettings,
  logger: Logger,
  closers: Closers,
): Promise<RunningRole> {
  // Attempts claim and log in shared statements, but a burst of a thousand still keeps many in flight.
  const connections = await openConnections(settings, logger, closers, { poolSize: 20 });
  const sender = startWebhookSender({
    db: connections.database.db,
    queues: connections.queues,
    secretKey: settings.secretKey,
    concurrency: settings.concurrency,
    allowPrivateTargets: settings.allowPrivateTargets,
    allowedTargetCidrs: settings.allowedTargetCidrs,
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    logger,
    ...(settings.metrics ? { metrics: webhookMetrics(settings.metrics) } : {}),
  });
  closers.add('webhook sender', () => sender.stop());
  if (settings.metrics) {
    poolMetrics(settings.metrics, () => connections.database.pool());
    webhookBacklogMetrics(settings.metrics, (now) => deliveryBacklog(connections.database.db, now));
  }
  return { ready: () => connectionsReady(connections), describe: () => ({}) };
}
