export type { StoredEvent } from './ingest/effects-store.js';
export { type IngestOutcome, ingestBatch } from './ingest/ingest-batch.js';
export { type Ingester, type IngesterOptions, startIngester } from './ingest/ingester.js';
export {
  JOB_POLICIES,
  type ProbeJob,
  probeJobSchema,
  probeQueueName,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
} from './job-catalog.js';
export { type Prober, type ProberOptions, startProber } from './prober/prober.js';
export {
  type Closers,
  installShutdown,
  type ProcessEvents,
  type Shutdown,
  type ShutdownOptions,
} from './process/shutdown.js';
export { type Leadership, soleLeadership } from './scheduler/leadership.js';
export { loadScheduledMonitors, type ScheduledMonitor } from './scheduler/monitor-source.js';
export { type RedisLeadershipOptions, redisLeadership } from './scheduler/redis-leadership.js';
export { type Scheduler, type SchedulerOptions, startScheduler } from './scheduler/scheduler.js';
export { type DueSlot, dueSlots, phaseOffsetMs } from './scheduler/slots.js';
export { enqueueAttempts, enqueueManualAttempt } from './webhooks/enqueue-deliveries.js';
export { fanOutEvents } from './webhooks/fan-out-events.js';
export { type SweepOutcome, sweepDeliveries } from './webhooks/sweep-deliveries.js';
export {
  newWebhookMessageId,
  WEBHOOKS_QUEUE,
  type WebhookJob,
  webhookJobSchema,
} from './webhooks/webhook-job.js';
export {
  startWebhookSender,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhooks/webhook-sender.js';
