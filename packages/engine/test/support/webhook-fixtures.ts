import { randomUUID } from 'node:crypto';
import {
  maskedWebhookUrl,
  newWebhookSecret,
  type ProbeResult,
  sealWebhookSecret,
  sealWebhookUrl,
} from '@mcpulse/core';
import {
  type Db,
  monitors,
  organizations,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '@mcpulse/db';
import { asc, eq } from 'drizzle-orm';
import type { ProbedResultJob } from '../../src/index.js';

export const REGIONS = ['eu-west', 'us-east'];
/** Slots start half an hour ago: recent, as a live monitor's are. */
export const START = Date.now() - 30 * 60_000;

export async function createOrganization(db: Db): Promise<string> {
  const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
  return org!.id;
}

export async function createMonitor(db: Db, organizationId: string, name = 'Docs MCP'): Promise<string> {
  const [monitor] = await db
    .insert(monitors)
    .values({ organizationId, name, url: 'https://mcp.example.com/mcp', regions: REGIONS })
    .returning();
  return monitor!.id;
}

export interface EndpointInput {
  organizationId: string;
  url: string;
  format?: 'standard' | 'slack' | 'discord';
  eventTypes?: string[];
  monitorIds?: string[] | null;
  /** A status page's subscriber: of that page, confirmed at `confirmedAt` (null: still pending). */
  subscriberOf?: { statusPageId: string; confirmedAt: Date | null };
}

/** An endpoint as the API creates it: the secret sealed at rest under its own id. */
export async function createEndpoint(db: Db, key: Buffer, input: EndpointInput) {
  const id = randomUUID();
  const secret = newWebhookSecret();
  await db.insert(webhookEndpoints).values({
    id,
    organizationId: input.organizationId,
    // As the API stores them: a chat URL sealed, with only its origin in view.
    ...(input.format === 'slack' || input.format === 'discord'
      ? { url: maskedWebhookUrl(input.url), urlSealed: sealWebhookUrl(key, id, input.url) }
      : { url: input.url }),
    format: input.format ?? 'standard',
    eventTypes: input.eventTypes ?? [],
    monitorIds: input.monitorIds ?? null,
    secretSealed: sealWebhookSecret(key, id, secret),
    ...(input.subscriberOf ?? {}),
  });
  return { id, secret };
}

/** What a result says of the server: the protocol its handshake settled on and its `serverInfo`. */
export type ServerSide = Partial<Pick<ProbeResult, 'era' | 'protocolVersion' | 'transport' | 'serverInfo'>>;

/**
 * One region's result for a minute; down results fail with a timeout. Answered
 * results list one tool named after `hash`, so that two hashes differ in tools.
 * The server speaks 2026-07-28 over Streamable HTTP and announces version 1
 * unless `server` says otherwise.
 */
export function resultJob(
  monitorId: string,
  region: string,
  minute: number,
  status: 'up' | 'down' | 'degraded',
  start = START,
  hash = 'a'.repeat(64),
  server: ServerSide = {},
): ProbedResultJob {
  const slot = new Date(start + minute * 60_000 + (region === 'us-east' ? 30_000 : 0)).toISOString();
  const result: ProbeResult = {
    url: 'https://mcp.example.com/mcp',
    status,
    auth: null,
    error: status === 'down' ? { code: 'timeout', message: 'no answer', phase: 'handshake' } : null,
    httpAlive: status !== 'down',
    transport: 'streamable-http',
    era: 'modern',
    protocolVersion: '2026-07-28',
    serverInfo: { name: 's', version: '1' },
    capabilities: { tools: {} },
    toolCount: status === 'down' ? null : 1,
    schemaHash: status === 'down' ? null : hash,
    timings: {
      dnsMs: 1,
      connectMs: 1,
      tlsMs: null,
      negotiationMs: null,
      handshakeMs: 5,
      toolsListMs: 5,
      toolCallMs: null,
      otherMs: status === 'degraded' ? 1488 : 0,
      totalMs: status === 'degraded' ? 1500 : 12,
    },
    checkedAt: new Date(Date.parse(slot) + 100).toISOString(),
    ...server,
  };
  return {
    monitorId,
    region,
    slot,
    result,
    tools: status === 'down' ? null : [{ name: `t-${hash.slice(0, 4)}`, inputSchema: { type: 'object' } }],
  };
}

/** Both regions, two minutes in a row: enough to confirm the status with the default settings. */
export function confirming(monitorId: string, status: 'up' | 'down', fromMinute: number, start?: number) {
  return [0, 1].flatMap((offset) =>
    REGIONS.map((region) => resultJob(monitorId, region, fromMinute + offset, status, start)),
  );
}

export async function deliveriesOf(db: Db, endpointId: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(asc(webhookDeliveries.createdAt));
}

export async function attemptsOf(db: Db, deliveryId: string) {
  return db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.attempt));
}

export async function waitUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
