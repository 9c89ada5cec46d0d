import { DEFAULT_WEBHOOK_FORMAT, DELIVERY_STATUSES, WEBHOOK_FORMATS } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';
import { events } from './state.js';
import { statusPages } from './status-pages.js';

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The URL, or for a chat format (whose URL is its credential) only what may be shown of it. */
    url: text('url').notNull(),
    /** A chat format's full URL, sealed under MCPULSE_SECRET_KEY; null for the standard format. */
    urlSealed: text('url_sealed'),
    description: text('description').notNull().default(''),
    format: text('format', { enum: WEBHOOK_FORMATS }).notNull().default(DEFAULT_WEBHOOK_FORMAT),
    /** Empty means every event type. */
    eventTypes: text('event_types').array().notNull(),
    /** Null means every monitor of the organisation. */
    monitorIds: uuid('monitor_ids').array(),
    /** Signing secrets, sealed with AES-256-GCM; the previous one keeps signing during rotation. */
    secretSealed: text('secret_sealed').notNull(),
    previousSecretSealed: text('previous_secret_sealed'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set for a status page's subscriber (docs/status-pages.md): an endpoint someone registered on
     * the public page, not one of the organisation's own, which it never lists. Null for those.
     */
    statusPageId: uuid('status_page_id').references(() => statusPages.id, { onDelete: 'cascade' }),
    /** When a subscriber proved it reads what its URL receives; nothing but the confirmation goes to it before. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_endpoints_org_idx').on(t.organizationId),
    index('webhook_endpoints_status_page_idx').on(t.statusPageId).where(sql`status_page_id is not null`),
  ],
);

/** One per event and endpoint (exactly once); its `messageId` is the stable `webhook-id`. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint_unique').on(t.eventId, t.endpointId),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    // The sender's sweep looks for overdue pending deliveries only: a small slice of a growing table.
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // Retention drops finished deliveries by age, oldest first.
    index('webhook_deliveries_finished_idx').on(t.createdAt).where(sql`status <> 'pending'`),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms'),
    /** The first 2 KB of the receiver's answer. */
    responseBody: text('response_body'),
    error: text('error'),
    manual: boolean('manual').notNull().default(false),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);
