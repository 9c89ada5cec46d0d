import type { Logger } from '@mcpulse/config';
import { deliveryBacklog } from '@mcpulse/db';
import { Redis } from 'ioredis';
import type { ProcessMetrics } from '../metrics/process-metrics.js';
import { poolMetrics, webhookBacklogMetrics, webhookMetrics } from '../metrics/role-metrics.js';
import type { Closers } from '../process/shutdown.js';
import { redisOrganizationGate, subscriberShare } from '../webhooks/organization-gate.js';
import { startWebhookSender } from '../webhooks/webhook-sender.js';
import { connectionsReady, openConnections, type QueueSettings } from './connections.js';
import type { RunningRole } from './running-role.js';

export interface WebhooksRoleSettings extends QueueSettings {
  databaseUrl: string;
  /** Opens the endpoints' signing secrets. */
  secretKey: Buffer;
  concurrency: number;
  /** Attempts to status page subscribers in flight at once, from their own queue. */
  subscriberConcurrency: number;
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
  // Every sender counts an organisation's subscriber attempts in flight through the same keys.
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'subscriber gate connection error'));
  closers.add('subscriber gate connection', () => redis.disconnect());
  const sender = startWebhookSender({
    db: connections.database.db,
    queues: connections.queues,
    secretKey: settings.secretKey,
    concurrency: settings.concurrency,
    subscriberConcurrency: settings.subscriberConcurrency,
    subscriberGate: redisOrganizationGate(
      redis,
      `${settings.queuePrefix}:subscriber-gate:`,
      subscriberShare(settings.subscriberConcurrency),
    ),
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
