import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sealWebhookSecret } from '@mcpulse/core';
import { monitorState, monitors, organizations, webhookEndpoints } from '@mcpulse/db';
import { createTestDatabase } from '@mcpulse/db/testing';
import type { WebhookReceiver } from '@mcpulse/testkit';
import { startWorkerRole, type WorkerRole } from '../scheduler/processes/worker-role.js';
import { benchEnv } from '../scheduler/setup/bench-env.js';
import { type McpTarget, startMcpTarget } from './mcp-targets.js';
import { type OutageFigures, runOutages, waitUntilAllUp } from './run-outages.js';

const REGIONS = ['region-a', 'region-b', 'region-c'];

/**
 * Separate processes as in production, from source: ingest, the webhook
 * sender, a probe worker per region and the scheduler, on real Postgres and
 * Redis, each monitor in three regions with the default quorum (two).
 */
export async function measureDistributed(
  outages: number,
  receiver: WebhookReceiver,
): Promise<OutageFigures[]> {
  const database = await createTestDatabase();
  const logDir = await mkdtemp(path.join(tmpdir(), 'mcpulse-detection-'));
  const key = randomBytes(32);
  const targets: McpTarget[] = [];
  const roles: WorkerRole[] = [];
  try {
    const db = database.handle.db;
    const [org] = await db.insert(organizations).values({ name: 'detection', plan: 'team' }).returning();
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const endpointId = randomUUID();
    await db.insert(webhookEndpoints).values({
      id: endpointId,
      organizationId: org!.id,
      url: receiver.url,
      eventTypes: [],
      secretSealed: sealWebhookSecret(key, endpointId, secret),
    });
    receiver.secrets.push(secret);
    for (let index = 0; index < outages; index++) targets.push(await startMcpTarget());
    const rows = await db
      .insert(monitors)
      .values(
        targets.map((target, index) => ({
          organizationId: org!.id,
          name: `target ${index}`,
          url: target.url,
          regions: REGIONS,
        })),
      )
      .returning();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: benchEnv.REDIS_URL,
      MCPULSE_QUEUE_PREFIX: `detection-${randomBytes(4).toString('hex')}`,
      MCPULSE_SECRET_KEY: key.toString('hex'),
      MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
      LOG_LEVEL: 'warn',
    };
    const start = async (name: string, args: string[]) => {
      const role = await startWorkerRole(name, { args, env, logFile: path.join(logDir, `${name}.log`) });
      roles.push(role);
      await role.ready();
    };
    await start('ingest', ['ingest']);
    await start('webhooks', ['webhooks']);
    for (const region of REGIONS) await start(`probe-${region}`, ['probe', '--region', region]);
    await start('scheduler', ['scheduler']);

    const watched = rows.map((row, index) => ({ monitor: row, target: targets[index]! }));
    const statuses = async () => {
      const states = await db
        .select({ id: monitorState.monitorId, status: monitorState.status })
        .from(monitorState);
      return new Map(states.map((state) => [state.id, state.status]));
    };
    await waitUntilAllUp(
      rows.map((row) => row.id),
      statuses,
      180_000,
    );
    return await runOutages(watched, receiver);
  } finally {
    for (const role of roles.reverse()) await role.stop();
    await Promise.allSettled(targets.map((target) => target.close()));
    await database.drop();
    await rm(logDir, { recursive: true, force: true });
  }
}
