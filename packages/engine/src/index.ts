export { type Check, checksAtOnce, enqueueChecks } from './checks/enqueue-checks.js';
export { directoryAboutUrl, directoryIdentity } from './directory/directory-identity.js';
export {
  type DirectorySyncOutcome,
  type DirectorySyncSettings,
  type RegistrySyncOutcome,
  runDirectorySync,
} from './directory/directory-sync.js';
export {
  DIRECTORY_SYNC_QUEUE,
  type DirectorySyncLoop,
  type DirectorySyncLoopOptions,
  requestDirectorySync,
  startDirectorySync,
} from './directory/directory-sync-loop.js';
export { endpointPolicy } from './directory/endpoint-policy.js';
export { type HostGate, type HostTurn, memoryHostGate, redisHostGate } from './directory/host-gate.js';
export { hostOf } from './directory/host-of.js';
export { busyHostVerdict, DIRECTORY_HOST_WAIT_MS } from './directory/host-turn.js';
export type { ReconcileOutcome, ReconcileSettings } from './directory/reconcile-endpoints.js';
export type { StoredEvent } from './ingest/effects-store.js';
export { BatchRefused, type IngestOutcome, ingestBatch, type RefusedResult } from './ingest/ingest-batch.js';
export { type Ingester, type IngesterOptions, startIngester } from './ingest/ingester.js';
export {
  CHECK_DEDUPE_WINDOW_MS,
  checkQueueName,
  deploymentQueueNames,
  directoryProbeQueueName,
  JOB_POLICIES,
  type ProbedResultJob,
  type ProbeJob,
  probeJobId,
  probeJobSchema,
  probeQueueName,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  type SkippedCheck,
  skippedCheckSchema,
} from './job-catalog.js';
export {
  type CheckMetrics,
  checkMetrics,
  createProcessMetrics,
  type ProcessMetrics,
  regionMetrics,
} from './metrics/process-metrics.js';
export {
  type IngestMetrics,
  ingestMetrics,
  poolMetrics,
  queueMetrics,
  schedulerMetrics,
  WEBHOOK_ATTEMPT_OUTCOMES,
  type WebhookAttemptOutcome,
  type WebhookMetrics,
  webhookBacklogMetrics,
  webhookMetrics,
} from './metrics/role-metrics.js';
export { lateCheckReason } from './prober/late-check.js';
export {
  type DirectoryProbing,
  type DirectoryStats,
  type Prober,
  type ProberOptions,
  startProber,
} from './prober/prober.js';
export {
  type Closers,
  installShutdown,
  type ProcessEvents,
  type Shutdown,
  type ShutdownOptions,
} from './process/shutdown.js';
export {
  PROBE_HEARTBEAT,
  probeBeatName,
  type RegionHeartbeat,
  regionHeartbeats,
} from './regions/region-heartbeats.js';
export type { QueueSettings } from './roles/connections.js';
export { type IngestRoleSettings, runIngestRole } from './roles/ingest-role.js';
export { type IngestWithFanOutOptions, startIngestWithFanOut } from './roles/ingest-with-fan-out.js';
export { maintainMaintenance, startMaintenanceUpkeep } from './roles/maintenance-loop.js';
export { type ProbeRoleSettings, runProbeRole } from './roles/probe-role.js';
export {
  type DirectoryProbeSettings,
  type RegionProberSettings,
  startRegionProber,
} from './roles/region-prober.js';
export type { RunningRole } from './roles/running-role.js';
export { runSchedulerRole, type SchedulerRoleSettings } from './roles/scheduler-role.js';
export { type SchedulingOptions, startScheduling } from './roles/scheduling.js';
export { runWebhooksRole, type WebhooksRoleSettings } from './roles/webhooks-role.js';
export { type Leadership, soleLeadership } from './scheduler/leadership.js';
export { loadScheduledMonitors, type ScheduledMonitor } from './scheduler/monitor-source.js';
export {
  type RedisLeadership,
  type RedisLeadershipOptions,
  redisLeadership,
} from './scheduler/redis-leadership.js';
export { memoryScheduleMark, redisScheduleMark, type ScheduleMark } from './scheduler/schedule-mark.js';
export { type Scheduler, type SchedulerOptions, startScheduler } from './scheduler/scheduler.js';
export { type DueSlot, dueSlots, phaseOffsetMs, spreadHostPhases } from './scheduler/slots.js';
export { enqueueAttempts, enqueueManualAttempt } from './webhooks/enqueue-deliveries.js';
export { fanOutEvents } from './webhooks/fan-out-events.js';
export {
  type GateSlot,
  memoryOrganizationGate,
  type OrganizationGate,
  redisOrganizationGate,
  subscriberShare,
} from './webhooks/organization-gate.js';
export { SUBSCRIBER_WAIT, subscriberWaitMs } from './webhooks/subscriber-attempt.js';
export { type SweepOutcome, sweepDeliveries } from './webhooks/sweep-deliveries.js';
export {
  newWebhookMessageId,
  WEBHOOK_SUBSCRIBERS_QUEUE,
  WEBHOOKS_QUEUE,
  type WebhookJob,
  webhookJobSchema,
} from './webhooks/webhook-job.js';
export {
  startWebhookSender,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhooks/webhook-sender.js';
