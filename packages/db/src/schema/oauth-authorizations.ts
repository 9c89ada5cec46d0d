import type { OAuthConnectionSummary } from '@mcpulse/core';
import { OAUTH_CONNECTION_LIMITS, OAUTH_CONNECTION_STATUSES } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, sessions } from './accounts.js';
import { monitors } from './monitors.js';

/**
 * "Connect with OAuth" under way (docs/probe.md): one row per authorization request, bound to the
 * session and organisation that started it, for a monitor or for a form not saved yet.
 */
export const oauthAuthorizations = pgTable(
  'oauth_authorizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the `state` sent to the authorization server; null once the redirect used it. */
    stateHash: text('state_hash'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    sessionHash: text('session_hash')
      .notNull()
      .references(() => sessions.tokenHash, { onDelete: 'cascade' }),
    /** The monitor the connection is for; null for a form not saved yet. */
    monitorId: uuid('monitor_id').references(() => monitors.id, { onDelete: 'cascade' }),
    /** The MCP server signed in to. */
    url: text('url').notNull(),
    status: text('status', { enum: OAUTH_CONNECTION_STATUSES }).notNull().default('pending'),
    /** AES-256-GCM sealed JSON of the request: PKCE verifier, client, authorization server. Null once used. */
    requestSealed: text('request_sealed'),
    /** For a form not saved yet: the connection made, sealed to this row until a monitor claims it. */
    connectionSealed: text('connection_sealed'),
    connection: jsonb('connection').$type<OAuthConnectionSummary>(),
    failure: text('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('oauth_authorizations_state_unique').on(t.stateHash),
    index('oauth_authorizations_expires_idx').on(t.expiresAt),
    check(
      'oauth_authorizations_failure_bounded',
      sql`char_length(${t.failure}) <= ${sql.raw(String(OAUTH_CONNECTION_LIMITS.failureChars))}`,
    ),
  ],
);
