import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { sealMonitorConnection, sealMonitorOAuth, unsealMonitorConnection } from '@mcpulse/core';
import { monitorState, monitors, organizations, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createMemoryBackend } from '@mcpulse/queue';
import {
  type ProtectedMcpServer,
  signInForRefreshToken,
  startProtectedMcp,
  startTestOAuthServer,
  type TestOAuthServer,
} from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePipeline } from './support/engine-pipeline.js';
import { waitUntil } from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'oauth-monitor-test', level: 'silent' });
const SECRET = 'worker-client-s3cret-77';

describe('a monitor with OAuth client credentials, through the engine', () => {
  let database: TestDatabase;
  let authServer: TestOAuthServer;
  let mcp: ProtectedMcpServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    authServer = await startTestOAuthServer({
      clients: [{ clientId: 'worker', clientSecret: SECRET, scopes: ['mcp'] }],
    });
    mcp = await startProtectedMcp({ authServer });
  }, 60_000);
  afterAll(async () => {
    await mcp?.close();
    await authServer?.close();
    await database?.drop();
  });

  it('is checked with a token the worker gets once and keeps in memory across checks', async () => {
    const db = database.handle.db;
    const secretKey = randomBytes(32);
    const [org] = await db.insert(organizations).values({ name: 'acme' }).returning();
    const id = randomUUID();
    await db.insert(monitors).values({
      id,
      organizationId: org!.id,
      name: 'protected',
      url: mcp.url,
      regions: ['local'],
      intervalSeconds: 30,
      ...sealMonitorOAuth(secretKey, id, {
        clientId: 'worker',
        authMethod: 'client_secret_post',
        clientSecret: SECRET,
      }),
    });
    const queues = createMemoryBackend({ logger });
    const engine = startEnginePipeline({ db, queues, secretKey, logger, speed: 30 });
    try {
      const rows = await waitUntil(
        () => db.select().from(probeResults).where(eq(probeResults.monitorId, id)),
        (found) => found.filter((row) => row.status === 'up').length >= 3,
        20_000,
      );
      const [state] = await db.select().from(monitorState).where(eq(monitorState.monitorId, id));
      expect(state?.status).toBe('up');
      expect(authServer.grants).toEqual([
        { clientId: 'worker', scopes: ['mcp'], authMethod: 'client_secret_post' },
      ]);
      expect(rows.find((row) => row.status === 'up')?.auth).toMatchObject({
        mode: 'credentials',
        issuer: authServer.issuer,
        failedStep: null,
      });
      expect(JSON.stringify(rows)).not.toContain(SECRET);
    } finally {
      await engine.stop();
      await queues.close();
    }
  }, 60_000);

  it('with an OAuth connection, rotates the refresh token and ingest keeps the newest', async () => {
    const db = database.handle.db;
    const secretKey = randomBytes(32);
    // Access tokens live 2 s here: the checks refresh, and every refresh rotates.
    const signInServer = await startTestOAuthServer({
      clients: [{ clientId: 'app', scopes: ['mcp'] }],
      codeGrant: { refreshTokens: 'rotate' },
      tokenTtlSeconds: 2,
    });
    const signedInMcp = await startProtectedMcp({ authServer: signInServer });
    const [org] = await db.insert(organizations).values({ name: 'connected' }).returning();
    const id = randomUUID();
    const refreshToken = await signInForRefreshToken(signInServer, {
      clientId: 'app',
      resource: signedInMcp.url,
    });
    await db.insert(monitors).values({
      id,
      organizationId: org!.id,
      name: 'connected',
      url: signedInMcp.url,
      regions: ['local'],
      intervalSeconds: 30,
      ...sealMonitorConnection(secretKey, id, {
        connectionId: 'c-engine',
        generation: 0,
        issuer: signInServer.issuer,
        resource: signedInMcp.url,
        scope: 'mcp',
        client: { clientId: 'app', method: 'none' },
        registration: 'pre_registered',
        refreshToken,
        connectedAt: new Date().toISOString(),
      }),
    });
    const queues = createMemoryBackend({ logger });
    const engine = startEnginePipeline({ db, queues, secretKey, logger, speed: 30 });
    try {
      const rows = await waitUntil(
        () => db.select().from(monitors).where(eq(monitors.id, id)),
        (found) => (found[0]?.oauthConnection?.generation ?? 0) >= 2,
        30_000,
      );
      const saved = unsealMonitorConnection(secretKey, id, rows[0]?.oauthConnectionSealed ?? null);
      expect(saved).toMatchObject({
        connectionId: 'c-engine',
        generation: rows[0]?.oauthConnection?.generation,
      });
      expect(saved?.refreshToken).not.toBe(refreshToken);
      expect(JSON.stringify(rows[0])).not.toContain(refreshToken);
      const results = await db.select().from(probeResults).where(eq(probeResults.monitorId, id));
      expect(results.some((row) => row.errorCode === 'consent_revoked')).toBe(false);
      expect(results.find((row) => row.status === 'up')?.auth).toMatchObject({ mode: 'sign_in' });
      expect(signInServer.refreshes.every((record) => record.accepted)).toBe(true);
    } finally {
      await engine.stop();
      await queues.close();
      await signedInMcp.close();
      await signInServer.close();
    }
  }, 60_000);
});
